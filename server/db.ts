import 'server-only';
import { openDb, type DB } from '@/db/client';

// One connection per server process; Next's dev server reloads modules, so keep it global.
const globalForDb = globalThis as unknown as { __consoleDb?: DB };

export function getDb(): DB {
  globalForDb.__consoleDb ??= openDb();
  return globalForDb.__consoleDb;
}

import 'server-only';
import { openDb, type Db } from '@/db/client';

// One database handle (a pool on PostgreSQL) per server process; Next's dev server reloads
// modules, so keep it global. Opening is synchronous: migrations ran at the server's start.
const globalForDb = globalThis as unknown as { __consoleDb?: Db };

export function getDb(): Db {
  globalForDb.__consoleDb ??= openDb();
  return globalForDb.__consoleDb;
}

import { migrateDb, openDb, type DB } from '@/db/client';
import { parseIsoTime } from '@/lib/period';
import { initClock, sandboxFromEnv } from '@/server/clock/app-clock';

/** Opens the configured database, applies migrations and makes sure the clock exists. */
export function openMigratedDb(env: NodeJS.ProcessEnv = process.env): DB {
  const db = openDb();
  migrateDb(db);
  const start = env.CLOCK_START ? parseIsoTime(env.CLOCK_START) : undefined;
  initClock(db, { sandbox: sandboxFromEnv(env), start });
  return db;
}

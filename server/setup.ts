import { migrateDb, openDb, type Db } from '@/db/client';
import { parseIsoTime } from '@/lib/period';
import { initClock, sandboxFromEnv } from '@/server/clock/app-clock';

/**
 * Opens the configured database, applies migrations and makes sure the clock exists.
 * Only the server's start decides sandbox mode from its environment (`applyMode`); a CLI
 * run by hand keeps the mode the database has, so `npm run clock` without
 * NODE_ENV=production cannot turn a production clock into a movable one.
 */
export async function openMigratedDb(env: NodeJS.ProcessEnv = process.env, { applyMode = false } = {}): Promise<Db> {
  const db = openDb();
  await migrateDb(db);
  const start = env.CLOCK_START ? parseIsoTime(env.CLOCK_START) : undefined;
  await initClock(db, { sandbox: sandboxFromEnv(env), start, applyMode });
  return db;
}

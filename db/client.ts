import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export function databasePath(): string {
  return process.env.DATABASE_URL ?? './data/console.db';
}

/** Opens (and creates) a database file; ':memory:' gives a private one for tests. */
export function openDb(file: string = databasePath()): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets the console, the API server and the scheduler read while one of them writes;
  // busy_timeout makes a writer wait for another process's transaction instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return drizzle(sqlite, { schema }) as DB;
}

export function migrateDb(db: DB): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** A migrated in-memory database: what unit tests and golden stories run on. */
export function openTestDb(): DB {
  const db = openDb(':memory:');
  migrateDb(db);
  return db;
}

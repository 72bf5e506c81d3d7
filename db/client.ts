import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';
import { reuseStatements } from './kernel/statement-cache';
import { registerSqlite, sqliteConnectionOf } from './kernel/sqlite-connection';
import { databaseUrl, redactedUrl, STORE, storeKindOf } from './store';

/**
 * The app database as domain code sees it: drizzle's PostgreSQL query builder. On SQLite
 * the same calls run through drizzle's SQLite session (see ./schema.ts); the handful of
 * things that differ by dialect are the kernel's (transaction, row locks, affected rows).
 */
export type Db = NodePgDatabase<typeof pgSchema>;

export const MIGRATIONS_ROOT = path.join(process.cwd(), 'db', 'migrations');
export const migrationsFolder = (kind = STORE) => path.join(MIGRATIONS_ROOT, kind === 'pg' ? 'pg' : 'sqlite');

export interface OpenOptions {
  /**
   * SQLite `synchronous`: FULL (the default) makes every commit that moved money survive
   * power loss, not only a crash of the process; OFF is for throwaway test databases.
   */
  synchronous?: 'FULL' | 'OFF';
  /** PostgreSQL pool size (DATABASE_POOL_MAX). */
  poolMax?: number;
}

/**
 * Opens the database at `url` (DATABASE_URL by default). The URL must be of the store this
 * process was started on: the domain's tables are chosen once (db/store.ts).
 */
export function openDb(url: string = databaseUrl(), opts: OpenOptions = {}): Db {
  if (storeKindOf(url) !== STORE) {
    throw new Error(`DATABASE_URL chose ${STORE} for this process; cannot open ${redactedUrl(url)} as well`);
  }
  return STORE === 'pg' ? openPostgres(url, opts) : openSqlite(url, opts);
}

function openPostgres(url: string, opts: OpenOptions): Db {
  const max = opts.poolMax ?? (Number(process.env.DATABASE_POOL_MAX) || 10);
  // allowExitOnIdle: a CLI or a test ends when its work is done, without closing the pool.
  // pipeline: a statement is sent without waiting for the answer to the one before, so a
  // transaction's BEGIN and COMMIT share a round trip with its first and last statements
  // (db/kernel/transaction.ts). Statements awaited one by one run as without it.
  const pool = new pg.Pool({ connectionString: url, max, allowExitOnIdle: true, pipeline: true });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('[db] idle PostgreSQL connection failed:', err.message));
  return drizzlePg(pool, { schema: pgSchema });
}

/** How long a reader (or a migration) waits for a database another process has locked. */
const BUSY_TIMEOUT = 'busy_timeout = 5000';

function openSqliteConnection(file: string, synchronous: string): Database.Database {
  const connection = new Database(file);
  // WAL lets the console, the API server and the scheduler read while one of them writes;
  // busy_timeout makes a connection wait for another process's lock instead of failing (the
  // writer's transactions wait without it: db/kernel/transaction.ts).
  connection.pragma('journal_mode = WAL');
  connection.pragma(BUSY_TIMEOUT);
  connection.pragma(`synchronous = ${synchronous}`);
  connection.pragma('foreign_keys = ON');
  reuseStatements(connection);
  return connection;
}

/**
 * Two connections per SQLite database: transactions run on the writer, one at a time in
 * this process (db/kernel/transaction.ts); everything else reads on the reader, which sees
 * only committed data and refuses to write (query_only), so a write outside a transaction
 * fails loudly instead of joining whichever transaction happens to be open.
 */
function openSqlite(file: string, opts: OpenOptions): Db {
  if (file === ':memory:') throw new Error('in-memory SQLite has one connection per handle: use openTestDb() for a throwaway database');
  fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const synchronous = opts.synchronous ?? 'FULL';
  const writer = openSqliteConnection(file, synchronous);
  // BEGIN IMMEDIATE waits for the write lock itself, off the event loop (transaction.ts).
  writer.pragma('busy_timeout = 0');
  const reader = openSqliteConnection(file, synchronous);
  reader.pragma('query_only = ON');
  const root = drizzleSqlite(reader, { schema: sqliteSchema });
  registerSqlite(root, { writer: drizzleSqlite(writer, { schema: sqliteSchema }), writerClient: writer, readerClient: reader, synchronous });
  return root as unknown as Db;
}

/** Applies the store's migrations (db/migrations/<store>/); safe to run from several processes at once. */
export async function migrateDb(db: Db, folder = migrationsFolder()): Promise<void> {
  if (STORE === 'sqlite') {
    const { writer, writerClient } = sqliteConnectionOf(db);
    // BEGIN IMMEDIATE inside the migrator would be nicer; the write lock it takes is enough.
    // The migrator begins its own transaction: it waits for the lock SQLite's way.
    writerClient.pragma('foreign_keys = OFF');
    writerClient.pragma(BUSY_TIMEOUT);
    try {
      migrateSqlite(writer as BetterSQLite3Database<typeof sqliteSchema>, { migrationsFolder: folder });
    } finally {
      writerClient.pragma('busy_timeout = 0');
      writerClient.pragma('foreign_keys = ON');
    }
    return;
  }
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    // The console, the API hosts and the scheduler may all start at once: one migrates.
    await client.query('SELECT pg_advisory_lock(7263001)');
    await migratePg(drizzlePg(client), { migrationsFolder: folder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7263001)').catch(() => {});
    client.release();
  }
}

/** Closes the database's connections (the pool on PostgreSQL). */
export async function closeDb(db: Db): Promise<void> {
  if (STORE === 'pg') return (db as unknown as { $client: pg.Pool }).$client.end();
  const { writerClient, readerClient } = sqliteConnectionOf(db);
  readerClient.close();
  writerClient.close();
}

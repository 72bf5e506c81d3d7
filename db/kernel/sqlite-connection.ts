import type Database from 'better-sqlite3';

/** The writer side of a SQLite database handle (the handle itself reads). */
export interface SqliteConnection {
  /** drizzle on the writer connection: what a transaction's handle is made from. */
  writer: object;
  writerClient: Database.Database;
  readerClient: Database.Database;
  /** The connections' synchronous level: FULL, or OFF for throwaway test databases. */
  synchronous: string;
  /** The tail of this process's queue of transactions on the writer. */
  queue: Promise<unknown>;
  /** The writer's synchronous level now: a non-durable transaction lowers it (transaction.ts). */
  writerSynchronous: string;
  /**
   * The depth (0: the transaction, n: its n-th nested savepoint) of the innermost level a
   * write failed half-way in, leaving some of its rows (writeWithoutSavepoint), or null.
   * That level can only be rolled back now (transaction.ts).
   */
  brokenAt: number | null;
}

// Kept on the handle under a registered symbol, not in a module-level map: Next.js bundles
// this module into several server chunks, and a handle opened by one chunk's copy (the
// process-wide getDb()) must be recognised by every other copy.
const CONNECTION = Symbol.for('iac.db.sqliteConnection');

export function registerSqlite(root: object, c: Omit<SqliteConnection, 'queue' | 'writerSynchronous' | 'brokenAt'>): void {
  Object.defineProperty(root, CONNECTION, { value: { ...c, queue: Promise.resolve(), writerSynchronous: c.synchronous, brokenAt: null } });
}

export function sqliteConnectionOf(db: object): SqliteConnection {
  const c = (db as { [CONNECTION]?: SqliteConnection })[CONNECTION];
  if (!c) throw new Error('not a root SQLite database handle (a transaction handle cannot be closed or migrated)');
  return c;
}

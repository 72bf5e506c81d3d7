import type Database from 'better-sqlite3';

/** The writer side of a SQLite database handle (the handle itself reads). */
export interface SqliteConnection {
  /** drizzle on the writer connection: what a transaction's handle is made from. */
  writer: object;
  writerClient: Database.Database;
  readerClient: Database.Database;
  /** The tail of this process's queue of transactions on the writer. */
  queue: Promise<unknown>;
}

const connections = new WeakMap<object, SqliteConnection>();

export function registerSqlite(root: object, c: Omit<SqliteConnection, 'queue'>): void {
  connections.set(root, { ...c, queue: Promise.resolve() });
}

export function sqliteConnectionOf(db: object): SqliteConnection {
  const c = connections.get(db);
  if (!c) throw new Error('not a root SQLite database handle (a transaction handle cannot be closed or migrated)');
  return c;
}

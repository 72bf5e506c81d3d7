import type { SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { STORE } from '../store';

/** Rows an INSERT/UPDATE/DELETE touched: `changes` on SQLite, `rowCount` on PostgreSQL. */
export function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; changes?: number };
  return r.rowCount ?? r.changes ?? 0;
}

interface SqliteRaw {
  all(query: SQL): unknown[];
  run(query: SQL): { changes: number };
}

/** Runs a hand-written statement (one that the query builder cannot express) for its rows. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (STORE === 'pg') return (await db.execute(query)).rows as T[];
  return (db as unknown as SqliteRaw).all(query) as T[];
}

/** Runs a hand-written statement for the number of rows it changed. */
export async function rawRun(db: Db, query: SQL): Promise<number> {
  if (STORE === 'pg') return (await db.execute(query)).rowCount ?? 0;
  return (db as unknown as SqliteRaw).run(query).changes;
}

/** A unique index refused the write (two racers inserted the same key): SQLite or PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign key refused the write (the row it names does not exist): SQLite or PostgreSQL. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

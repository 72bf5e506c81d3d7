import { getTableColumns, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';

/**
 * Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535, and
 * large enough that a chunk of the bill run writes its rows in a handful of statements.
 */
const MAX_PARAMS = 30_000;

/**
 * Inserts many rows with multi-row INSERTs, as many rows per statement as the parameter
 * limit allows: the bill run writes a million rows, and a statement per row would cost
 * more in the query layer than the database spends storing them.
 */
export async function insertRows<T extends PgTable>(tx: Db, table: T, rows: readonly InferInsertModel<T>[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(getTableColumns(table)).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await tx.insert(table).values(rows.slice(i, i + perStatement) as InferInsertModel<T>[]);
  }
}

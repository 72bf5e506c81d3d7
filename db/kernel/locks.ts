import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { accounts } from '../schema';
import { STORE } from '../store';
import { inJson } from './bulk-sql';
import { preparedQuery } from './prepared';

const sortedIds = (ids: readonly number[]) => JSON.stringify([...new Set(ids)].sort((a, b) => a - b));

// One statement text for any number of accounts (the ids travel as one JSON parameter), so
// it is prepared once: the API's metering flush runs it every time.
const lockedRowsQuery = preparedQuery('lock_account_rows', (db) =>
  db.select().from(accounts).where(inJson(accounts.id, sql.placeholder('ids'))).orderBy(accounts.id).for('update'),
);

/**
 * Locks accounts' rows until the transaction ends: every change of an account's money,
 * packs, keys or activation takes this first, so two of them on one account run one after
 * the other, each seeing what the other committed (PostgreSQL: SELECT … FOR UPDATE, in id
 * order so that two lockers of the same accounts never deadlock). On SQLite, BEGIN
 * IMMEDIATE already holds the database's single write lock, and this does nothing.
 */
export async function lockAccounts(tx: Db, ids: readonly number[]): Promise<void> {
  if (STORE !== 'pg' || ids.length === 0) return;
  await lockedRowsQuery(tx, { ids: sortedIds(ids) });
}

const rowQuery = preparedQuery('account_row', (db) => db.select().from(accounts).where(eq(accounts.id, sql.placeholder('id'))));

/**
 * lockAccounts, returning the locked rows (in id order; an unknown id has none): the
 * caller need not read them again. On SQLite plain reads, under the write lock, one by id
 * each: a batch's accounts are few, and json_each cost more than the reads
 * (bench/api/meter-flush.ts).
 */
export async function lockAccountRows(tx: Db, ids: readonly number[]): Promise<(typeof accounts.$inferSelect)[]> {
  if (ids.length === 0) return [];
  if (STORE === 'pg') return lockedRowsQuery(tx, { ids: sortedIds(ids) });
  const rows = [];
  for (const id of new Set(ids)) rows.push(...(await rowQuery(tx, { id })));
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Serialises work named by `key` across every process on the store, until the transaction
 * ends (PostgreSQL: a transaction-scoped advisory lock). SQLite's write lock already does.
 */
export async function lockNamed(tx: Db, key: string): Promise<void> {
  if (STORE !== 'pg') return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

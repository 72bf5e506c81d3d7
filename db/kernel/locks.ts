import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { accounts } from '../schema';
import { STORE } from '../store';

/**
 * Locks accounts' rows until the transaction ends: every change of an account's money,
 * packs, keys or activation takes this first, so two of them on one account run one after
 * the other, each seeing what the other committed (PostgreSQL: SELECT … FOR UPDATE, in id
 * order so that two lockers of the same accounts never deadlock). On SQLite, BEGIN
 * IMMEDIATE already holds the database's single write lock, and this does nothing.
 */
export async function lockAccounts(tx: Db, ids: readonly number[]): Promise<void> {
  if (STORE !== 'pg' || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, sorted)).orderBy(accounts.id).for('update');
}

/**
 * Serialises work named by `key` across every process on the store, until the transaction
 * ends (PostgreSQL: a transaction-scoped advisory lock). SQLite's write lock already does.
 */
export async function lockNamed(tx: Db, key: string): Promise<void> {
  if (STORE !== 'pg') return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

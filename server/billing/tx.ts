import type { DB } from '@/db/client';

/** A drizzle transaction on the app database. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
/** Domain functions accept the root database or a transaction they join. */
export type DbOrTx = DB | Tx;

/**
 * Runs `work` atomically. On the root database it takes the write lock up front
 * (BEGIN IMMEDIATE): a read-then-write of money or pack balances must not read a
 * snapshot another process is about to change. Inside a caller's transaction it runs in
 * a savepoint, so a refusal thrown half-way leaves the caller's own writes intact.
 */
export function immediate<T>(db: DbOrTx, work: (tx: Tx) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}

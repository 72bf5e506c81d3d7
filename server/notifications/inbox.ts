import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { notifications } from '@/db/schema';

/** Marks the given notifications (or all) of this account read; returns how many changed. */
export async function markRead(db: Db, accountId: number, ids: readonly number[] | 'all', now: number): Promise<number> {
  const mine = and(eq(notifications.accountId, accountId), isNull(notifications.readAt));
  const which = ids === 'all' ? mine : and(mine, inArray(notifications.id, [...ids]));
  // A conditional UPDATE (read_at IS NULL): two tabs marking at once count each one once.
  return transaction(db, async (tx) => affectedRows(await tx.update(notifications).set({ readAt: now }).where(which)));
}

import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
import { notifications } from '@/db/schema';

export type Notification = typeof notifications.$inferSelect;

/** 消息中心, newest first. */
export async function listNotifications(db: Db, accountId: number, req?: PageRequest): Promise<Page<Notification>> {
  const { page, pageSize, offset } = pageWindow(req);
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.id))
    .limit(pageSize)
    .offset(offset);
  const [{ n: total }] = await db.select({ n: count() }).from(notifications).where(eq(notifications.accountId, accountId));
  return { rows, total, page, pageSize };
}

export async function unreadCount(db: Db, accountId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return n;
}

/** Marks the given notifications (or all) of this account read; returns how many changed. */
export async function markRead(db: Db, accountId: number, ids: readonly number[] | 'all', now: number): Promise<number> {
  const mine = and(eq(notifications.accountId, accountId), isNull(notifications.readAt));
  const which = ids === 'all' ? mine : and(mine, inArray(notifications.id, [...ids]));
  // A conditional UPDATE (read_at IS NULL): two tabs marking at once count each one once.
  return transaction(db, async (tx) => affectedRows(await tx.update(notifications).set({ readAt: now }).where(which)));
}

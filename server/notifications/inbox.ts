import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { notifications } from '@/db/schema';
import { pageWindow, type Page, type PageRequest } from '@/server/billing/paging';

export type Notification = typeof notifications.$inferSelect;

/** 消息中心, newest first. */
export function listNotifications(db: DB, accountId: number, req?: PageRequest): Page<Notification> {
  const { page, pageSize, offset } = pageWindow(req);
  const rows = db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.id))
    .limit(pageSize)
    .offset(offset)
    .all();
  const total = db.select({ n: count() }).from(notifications).where(eq(notifications.accountId, accountId)).get()!.n;
  return { rows, total, page, pageSize };
}

export function unreadCount(db: DB, accountId: number): number {
  return db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .get()!.n;
}

/** Marks the given notifications (or all) of this account read; returns how many changed. */
export function markRead(db: DB, accountId: number, ids: readonly number[] | 'all', now: number): number {
  const mine = and(eq(notifications.accountId, accountId), isNull(notifications.readAt));
  const which = ids === 'all' ? mine : and(mine, inArray(notifications.id, [...ids]));
  return db.update(notifications).set({ readAt: now }).where(which).run().changes;
}

import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
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

/** Throws NOT_FOUND unless the notification is the account's: another's is not the caller's business. */
export async function assertOwnNotification(db: Db, accountId: number, id: number): Promise<void> {
  const [found] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)))
    .limit(1);
  if (!found) throw notFound('消息');
}

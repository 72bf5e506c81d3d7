import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import { notFound } from '@/db/not-found';

/** Throws NOT_FOUND unless the notification is the account's: another's is not the caller's business. */
export async function assertOwnNotification(db: Db, accountId: number, id: number): Promise<void> {
  const [found] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)))
    .limit(1);
  if (!found) throw notFound('消息');
}

import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { notifications } from '@/db/schema';
import { notFound } from '@/server/billing/errors';

/** Throws NOT_FOUND unless the notification is the account's: another's is not the caller's business. */
export function assertOwnNotification(db: DB, accountId: number, id: number): void {
  const found = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)))
    .get();
  if (!found) throw notFound('消息');
}

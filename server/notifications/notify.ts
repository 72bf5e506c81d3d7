import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import { insertRows } from '@/db/kernel/bulk-sql';

export type NotificationKind = (typeof notifications.$inferSelect)['kind'];

export interface NotificationInput {
  accountId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Names the event: raising the same event again (a rerun, a retry) adds nothing. */
  dedupeKey: string;
  now: number;
}

function notificationRow(n: NotificationInput): typeof notifications.$inferInsert {
  return { accountId: n.accountId, kind: n.kind, title: n.title, body: n.body, dedupeKey: n.dedupeKey, createdAt: n.now };
}

/**
 * Raises notifications in the caller's transaction; returns how many were new. The unique
 * (account, dedupe key) index drops one already raised, also when two raise it at once.
 */
export async function notifyAll(tx: Db, ns: readonly NotificationInput[]): Promise<number> {
  if (ns.length === 0) return 0;
  return insertRows(tx, notifications, ns.map(notificationRow), { onConflictDoNothing: true });
}

/** Raises a notification in the caller's transaction; returns false if it was already raised. */
export async function notify(tx: Db, n: NotificationInput): Promise<boolean> {
  return (await notifyAll(tx, [n])) > 0;
}

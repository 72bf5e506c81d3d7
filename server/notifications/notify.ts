import { notifications } from '@/db/schema';
import { param, prepared } from '@/server/billing/prepared';
import type { DbOrTx } from '@/server/billing/tx';

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

const insertNotification = (db: DbOrTx) =>
  db
    .insert(notifications)
    .values({
      accountId: param('accountId'),
      kind: param('kind'),
      title: param('title'),
      body: param('body'),
      dedupeKey: param('dedupeKey'),
      createdAt: param('now'),
    })
    .onConflictDoNothing()
    .prepare();

/** Raises a notification in the caller's transaction; returns false if it was already raised. */
export function notify(db: DbOrTx, n: NotificationInput): boolean {
  return prepared(db, insertNotification).run({ ...n }).changes > 0;
}

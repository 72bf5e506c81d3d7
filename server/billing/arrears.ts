import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import type { Month } from '@/lib/period';
import { notify } from '@/server/notifications/notify';
import type { DbOrTx } from './tx';

/** A settlement left cash below zero: postpaid calls stop until the debt is paid. */
export function enterArrears(db: DbOrTx, a: { accountId: number; billId: number; month: Month; cashFen: Fen; now: number }): void {
  db.update(accounts).set({ inArrears: true }).where(eq(accounts.id, a.accountId)).run();
  notify(db, {
    accountId: a.accountId,
    kind: 'arrears',
    title: '账户已欠费',
    body: `${a.month} 账单结算后账户余额为 ${formatCnyFen(a.cashFen)}。欠费期间后付费调用将被拒绝，免费资源包和预付费资源包仍可使用；充值至余额不小于 0 后立即恢复。`,
    dedupeKey: `arrears:${a.billId}`,
    now: a.now,
  });
}

/**
 * Ends arrears once cash is back at 0 or more. Called after every credit (top-up, pack
 * refund) in the same transaction; `cause` names that credit for the notification.
 */
export function endArrearsIfCovered(db: DbOrTx, accountId: number, cause: string, now: number): boolean {
  const a = db.select({ inArrears: accounts.inArrears, cashFen: accounts.cashFen }).from(accounts).where(eq(accounts.id, accountId)).get();
  if (!a?.inArrears || a.cashFen < 0) return false;
  db.update(accounts).set({ inArrears: false }).where(eq(accounts.id, accountId)).run();
  notify(db, {
    accountId,
    kind: 'arrears_cleared',
    title: '欠费已结清',
    body: `账户余额已恢复为 ${formatCnyFen(a.cashFen)}，后付费调用已恢复。`,
    dedupeKey: `arrears_cleared:${cause}`,
    now,
  });
  return true;
}

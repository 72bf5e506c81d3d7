import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import type { Month } from '@/lib/period';
import { notify, notifyAll } from '@/server/notifications/notify';
import { inJson } from '@/db/kernel/bulk-sql';

export interface ArrearsEntry {
  accountId: number;
  billId: number;
  month: Month;
  cashFen: Fen;
  now: number;
}

/**
 * Settlements left these accounts' cash below zero: postpaid calls stop until the debt is
 * paid. In the settling transaction, which holds the accounts' locks.
 */
export async function enterArrears(tx: Db, entered: readonly ArrearsEntry[]): Promise<void> {
  if (entered.length === 0) return;
  await tx.update(accounts).set({ inArrears: true }).where(inJson(accounts.id, entered.map((a) => a.accountId)));
  await notifyAll(
    tx,
    entered.map((a) => ({
      accountId: a.accountId,
      kind: 'arrears' as const,
      title: '账户已欠费',
      body: `${a.month} 账单结算后账户余额为 ${formatCnyFen(a.cashFen)}。欠费期间后付费调用将被拒绝，免费资源包和预付费资源包仍可使用；充值至余额不小于 0 后立即恢复。`,
      dedupeKey: `arrears:${a.billId}`,
      now: a.now,
    })),
  );
}

/**
 * Ends arrears once cash is back at 0 or more. Called after every credit (top-up, pack
 * refund) in the same transaction, which has locked the account; `cause` names that
 * credit for the notification.
 */
export async function endArrearsIfCovered(tx: Db, accountId: number, cause: string, now: number): Promise<boolean> {
  const [a] = await tx.select({ inArrears: accounts.inArrears, cashFen: accounts.cashFen }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!a?.inArrears || a.cashFen < 0) return false;
  await tx.update(accounts).set({ inArrears: false }).where(eq(accounts.id, accountId));
  await notify(tx, {
    accountId,
    kind: 'arrears_cleared',
    title: '欠费已结清',
    body: `账户余额已恢复为 ${formatCnyFen(a.cashFen)}，后付费调用已恢复。`,
    dedupeKey: `arrears_cleared:${cause}`,
    now,
  });
  return true;
}

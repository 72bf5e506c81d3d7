import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { inJson } from '@/db/kernel/bulk-sql';
import { transaction } from '@/db/kernel/transaction';
import { accounts } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import { notifyAll } from '@/server/notifications/notify';

/** The largest threshold accepted: the top-up limit, ¥1,000,000.00. */
export const MAX_BALANCE_ALERT_FEN = 100_000_000;

/**
 * 余额预警, after anything that moved these accounts' money in the caller's transaction
 * (a settlement's deduction and freeze, an order payment, a top-up or refund): an account
 * whose available balance (cash − frozen) is below its threshold gets ONE message per dip;
 * the flag keeps later events quiet until the balance is back at or above the threshold,
 * which re-arms it. The callers hold the accounts' locks, so the flag read decides its
 * write without a race. One read and at most two writes for any number of accounts.
 */
export async function checkBalanceAlerts(tx: Db, accountIds: readonly number[], now: number): Promise<void> {
  if (accountIds.length === 0) return;
  const rows = await tx
    .select({ id: accounts.id, cashFen: accounts.cashFen, frozenFen: accounts.frozenFen, thresholdFen: accounts.balanceAlertFen, sent: accounts.balanceAlertSent })
    .from(accounts)
    .where(and(inJson(accounts.id, accountIds), isNotNull(accounts.balanceAlertFen)));
  const below = rows.filter((a) => a.cashFen - a.frozenFen < a.thresholdFen! && !a.sent);
  const rearmed = rows.filter((a) => a.cashFen - a.frozenFen >= a.thresholdFen! && a.sent);
  if (below.length > 0) {
    await notifyAll(
      tx,
      below.map((a) => ({
        accountId: a.id,
        kind: 'balance_low' as const,
        title: '余额不足预警',
        body: `账户可用余额 ${formatCnyFen(a.cashFen - a.frozenFen)}，已低于您设置的预警阈值 ${formatCnyFen(a.thresholdFen!)}，请及时充值，以免欠费影响调用。`,
        // The flag makes it once per dip; the time tells one dip from the next.
        dedupeKey: `balance_low:${now}`,
        now,
      })),
    );
    await tx.update(accounts).set({ balanceAlertSent: true }).where(inJson(accounts.id, below.map((a) => a.id)));
  }
  if (rearmed.length > 0) {
    await tx.update(accounts).set({ balanceAlertSent: false }).where(inJson(accounts.id, rearmed.map((a) => a.id)));
  }
}

/**
 * Sets (or, with null, turns off) the threshold, armed: the next bill, payment or freeze
 * that leaves the available balance below it raises the message.
 */
export function setBalanceAlert(db: Db, input: { accountId: number; thresholdFen: Fen | null }): Promise<void> {
  return transaction(db, async (tx) => {
    await tx.update(accounts).set({ balanceAlertFen: input.thresholdFen, balanceAlertSent: false }).where(eq(accounts.id, input.accountId));
  });
}

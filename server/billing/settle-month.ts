import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { billLines, bills } from '@/db/schema';
import { formatCnyFen, yuanToFen, type Fen } from '@/lib/money';
import { nextMonth, type Month } from '@/lib/period';
import { estimateFreeze, rateMonth } from '@/lib/pricing';
import { postEntry } from '@/server/ledger/post-entry';
import { notify } from '@/server/notifications/notify';
import { getAccount } from './accounts';
import { enterArrears } from './arrears';
import { param, prepared } from './prepared';
import { immediate, type DbOrTx } from './tx';
import { monthUsage } from './usage';

export type Bill = typeof bills.$inferSelect;
export type BillLine = typeof billLines.$inferSelect;
export type SettleOutcome = { status: 'issued' | 'existing'; bill: Bill } | { status: 'none' };

const billOfMonth = (db: DbOrTx) =>
  db.select().from(bills).where(and(eq(bills.accountId, param('accountId')), eq(bills.month, param('month')))).prepare();

const latestBill = (db: DbOrTx) =>
  db.select().from(bills).where(eq(bills.accountId, param('accountId'))).orderBy(desc(bills.month)).limit(1).prepare();

const insertBill = (db: DbOrTx) =>
  db
    .insert(bills)
    .values({
      accountId: param('accountId'),
      month: param('month'),
      subtotal: param('subtotal'),
      precisionAdjustment: param('precisionAdjustment'),
      payableFen: param('payableFen'),
      releasedFen: param('releasedFen'),
      deductedFen: param('payableFen'),
      frozenFen: param('frozenFen'),
      status: 'settled',
      issuedAt: param('now'),
      settledAt: param('now'),
    })
    .returning()
    .prepare();

const insertLine = (db: DbOrTx) =>
  db
    .insert(billLines)
    .values({
      billId: param('billId'),
      item: param('item'),
      totalCalls: param('totalCalls'),
      freeCalls: param('freeCalls'),
      packCalls: param('packCalls'),
      chargedCalls: param('chargedCalls'),
      tier: param('tier'),
      unitPrice: param('unitPrice'),
      amount: param('amount'),
    })
    .prepare();

/**
 * Issues and settles one account's bill for `month` in ONE transaction, so a crash
 * leaves either nothing or a settled bill, and a rerun finds the bill and does nothing.
 * A bill is issued when the month has usage or the previous settlement froze money that
 * must now be released. Settlement: (1) release the previous freeze, (2) deduct the
 * payable amount from cash, (3) freeze next month's estimate — at most what is available,
 * never driving the available balance below 0 — and (4) enter arrears if cash < 0.
 */
export function settleMonth(db: DB, accountId: number, month: Month, now: number): SettleOutcome {
  return immediate(db, (tx) => {
    const existing = prepared(tx, billOfMonth).get({ accountId, month });
    if (existing) return { status: 'existing', bill: existing };

    const usage = monthUsage(tx, accountId, month);
    const last = prepared(tx, latestBill).get({ accountId });
    if (last && last.month > month) {
      // Bill runs go month by month; usage in a month already passed over would be lost.
      if (usage.length > 0) throw new Error(`account ${accountId} has unbilled usage in ${month} but is billed up to ${last.month}`);
      return { status: 'none' };
    }
    const releasedFen = last?.frozenFen ?? 0;
    if (usage.length === 0 && releasedFen === 0) return { status: 'none' };

    const rated = rateMonth({ month, items: usage });
    const payableFen = yuanToFen(rated.payable);
    const account = getAccount(tx, accountId);
    const cashAfterFen = account.cashFen - payableFen;
    const availableAfterFen = cashAfterFen - (account.frozenFen - releasedFen);
    const frozenFen = Math.min(estimateFreeze(rated), Math.max(availableAfterFen, 0));

    const { subtotal, precisionAdjustment } = rated;
    const bill = prepared(tx, insertBill).get({ accountId, month, subtotal, precisionAdjustment, payableFen, releasedFen, frozenFen, now })!;
    for (const line of rated.lines) prepared(tx, insertLine).run({ ...line, billId: bill.id });

    const entry = { accountId, cashDeltaFen: 0, frozenDeltaFen: 0, ref: String(bill.id), now };
    if (last && releasedFen > 0) {
      postEntry(tx, { ...entry, type: 'unfreeze', frozenDeltaFen: -releasedFen, ref: String(last.id), note: `解冻 ${last.month} 结算时冻结的预估费用` });
    }
    if (payableFen > 0) postEntry(tx, { ...entry, type: 'bill_payment', cashDeltaFen: -payableFen, note: `${month} 账单扣费` });
    if (frozenFen > 0) postEntry(tx, { ...entry, type: 'freeze', frozenDeltaFen: frozenFen, note: `冻结 ${nextMonth(month)} 预估费用` });

    notify(tx, {
      accountId,
      kind: 'bill_issued',
      title: `${month} 账单已出`,
      body: billIssuedBody(month, payableFen, cashAfterFen),
      dedupeKey: `bill:${bill.id}`,
      now,
    });
    if (cashAfterFen < 0) enterArrears(tx, { accountId, billId: bill.id, month, cashFen: cashAfterFen, now });
    return { status: 'issued', bill };
  });
}

function billIssuedBody(month: Month, payableFen: Fen, cashAfterFen: Fen): string {
  if (payableFen === 0) return `${month} 应付金额 ${formatCnyFen(0)}，无需扣费。`;
  const paid = `${month} 应付金额 ${formatCnyFen(payableFen)}，已从账户余额扣除`;
  return cashAfterFen < 0 ? `${paid}，账户已欠费（现金余额 ${formatCnyFen(cashAfterFen)}），请尽快充值。` : `${paid}。`;
}

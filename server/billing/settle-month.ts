import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { accounts, billLines, bills } from '@/db/schema';
import { formatCnyFen, yuanToFen, type Fen } from '@/lib/money';
import { nextMonth, type Month } from '@/lib/period';
import { estimateFreeze, rateMonth, type ItemUsage, type RatedMonth } from '@/lib/pricing';
import { postEntries, type EntryInput } from '@/server/ledger/post-entry';
import { notifyAll } from '@/server/notifications/notify';
import { enterArrears } from './arrears';
import { checkBalanceAlerts } from './balance-alert';
import { inJson, insertRows, insertRowsReturning } from '@/db/kernel/bulk-sql';
import { monthUsageOf } from './usage';

export type Bill = typeof bills.$inferSelect;
export type BillLine = typeof billLines.$inferSelect;
export type SettleOutcome = { status: 'issued' | 'existing'; bill: Bill } | { status: 'none' };

type LastBill = Pick<Bill, 'id' | 'month' | 'frozenFen'>;

/** One account's settlement of a month, worked out in memory from what was read. */
interface Settlement {
  accountId: number;
  month: Month;
  rated: RatedMonth;
  payableFen: Fen;
  /** The previous bill's freeze, released now. */
  releasedFen: Fen;
  /** What is frozen for next month: the estimate, at most what is available. */
  frozenFen: Fen;
  cashAfterFen: Fen;
  /** The bill whose freeze is released, if any. */
  last: LastBill | undefined;
}

/**
 * What settling `month` means for one account. A bill is issued when the month has usage
 * or the previous settlement froze money that must now be released. Settlement: (1)
 * release the previous freeze, (2) deduct the payable amount from cash, (3) freeze next
 * month's estimate — at most what is available, never driving the available balance
 * below 0 — and (4) enter arrears if cash < 0. Null when there is nothing to bill.
 */
function planSettlement(s: {
  accountId: number;
  month: Month;
  usage: readonly ItemUsage[];
  last: LastBill | undefined;
  account: { cashFen: Fen; frozenFen: Fen };
}): Settlement | null {
  const { accountId, month, usage, last, account } = s;
  if (last && last.month > month) {
    // Bill runs go month by month; usage in a month already passed over would be lost.
    if (usage.length > 0) throw new Error(`account ${accountId} has unbilled usage in ${month} but is billed up to ${last.month}`);
    return null;
  }
  const releasedFen = last?.frozenFen ?? 0;
  if (usage.length === 0 && releasedFen === 0) return null;

  const rated = rateMonth({ month, items: usage });
  const payableFen = yuanToFen(rated.payable);
  const cashAfterFen = account.cashFen - payableFen;
  const availableAfterFen = cashAfterFen - (account.frozenFen - releasedFen);
  const frozenFen = Math.min(estimateFreeze(rated), Math.max(availableAfterFen, 0));
  return { accountId, month, rated, payableFen, releasedFen, frozenFen, cashAfterFen, last };
}

/** The ledger entries of a settlement, in the order they apply. */
function settlementEntries(s: Settlement, billId: number, now: number): EntryInput[] {
  const entry = { accountId: s.accountId, cashDeltaFen: 0, frozenDeltaFen: 0, ref: String(billId), now };
  const entries: EntryInput[] = [];
  if (s.last && s.releasedFen > 0) {
    entries.push({ ...entry, type: 'unfreeze', frozenDeltaFen: -s.releasedFen, ref: String(s.last.id), note: `解冻 ${s.last.month} 结算时冻结的预估费用` });
  }
  if (s.payableFen > 0) entries.push({ ...entry, type: 'bill_payment', cashDeltaFen: -s.payableFen, note: `${s.month} 账单扣费` });
  if (s.frozenFen > 0) entries.push({ ...entry, type: 'freeze', frozenDeltaFen: s.frozenFen, note: `冻结 ${nextMonth(s.month)} 预估费用` });
  return entries;
}

function billIssuedBody(month: Month, payableFen: Fen, cashAfterFen: Fen): string {
  if (payableFen === 0) return `${month} 应付金额 ${formatCnyFen(0)}，无需扣费。`;
  const paid = `${month} 应付金额 ${formatCnyFen(payableFen)}，已从账户余额扣除`;
  return cashAfterFen < 0 ? `${paid}，账户已欠费（现金余额 ${formatCnyFen(cashAfterFen)}），请尽快充值。` : `${paid}。`;
}

/** Each account's latest bill (bills of one account have distinct months). */
async function latestBills(tx: Db, accountIds: readonly number[]): Promise<Map<number, LastBill>> {
  const month = sql.identifier(bills.month.name);
  const account = sql.identifier(bills.accountId.name);
  const rows = await tx
    .select({ accountId: bills.accountId, id: bills.id, month: bills.month, frozenFen: bills.frozenFen })
    .from(bills)
    .where(
      and(
        inJson(bills.accountId, accountIds),
        sql`${bills.month} = (SELECT max(later.${month}) FROM ${bills} later WHERE later.${account} = ${bills.accountId})`,
      ),
    );
  return new Map(rows.map(({ accountId, ...last }) => [accountId, last]));
}

async function insertBills(tx: Db, settlements: readonly Settlement[], now: number): Promise<Bill[]> {
  const rows = settlements.map((s) => ({
    accountId: s.accountId,
    month: s.month,
    subtotal: s.rated.subtotal,
    precisionAdjustment: s.rated.precisionAdjustment,
    payableFen: s.payableFen,
    releasedFen: s.releasedFen,
    deductedFen: s.payableFen,
    frozenFen: s.frozenFen,
    status: 'settled' as const,
    issuedAt: now,
    settledAt: now,
  }));
  const ids = await insertRowsReturning<typeof bills, { id: number; accountId: number }>(
    tx,
    bills,
    rows,
    sql`${sql.identifier(bills.id.name)} AS "id", ${sql.identifier(bills.accountId.name)} AS "accountId"`,
  );
  const idOf = new Map(ids.map((r) => [Number(r.accountId), Number(r.id)]));
  return rows.map((row) => ({ ...row, id: idOf.get(row.accountId)! }));
}

/**
 * Issues and settles `month` for these accounts in the caller's transaction, so a crash
 * leaves either nothing or their settled bills, and a rerun finds the bills and does
 * nothing (the unique (account, month) key of bills and the ledger's (account, type, ref)
 * key refuse a second bill or deduction even if a rerun got that far). A few statements
 * for the whole set, whatever its size: reads of usage, last bills and balances, then
 * multi-row writes of bills, lines, ledger entries, balances and notifications.
 */
export async function settleAccounts(tx: Db, accountIds: readonly number[], month: Month, now: number): Promise<SettleOutcome[]> {
  if (accountIds.length === 0) return [];
  // Balances, last bills and "billed yet?" are read to decide the writes: the accounts
  // stay locked to the end of the transaction (FOR UPDATE in id order on PostgreSQL, so a
  // second bill run of the month waits here and then finds the bills; SQLite's single
  // writer already serialises), and top-ups, payments or calls wait for the settlement.
  await lockAccounts(tx, accountIds);
  const existing = await tx.select().from(bills).where(and(eq(bills.month, month), inJson(bills.accountId, accountIds)));
  const billed = new Set(existing.map((b) => b.accountId));
  const open = accountIds.filter((id) => !billed.has(id));
  const outcomes: SettleOutcome[] = existing.map((bill) => ({ status: 'existing', bill }));
  if (open.length === 0) return outcomes;

  const usage = await monthUsageOf(tx, open, month);
  const last = await latestBills(tx, open);
  const balances = await tx.select({ id: accounts.id, cashFen: accounts.cashFen, frozenFen: accounts.frozenFen }).from(accounts).where(inJson(accounts.id, open));
  const settlements: Settlement[] = [];
  for (const account of balances) {
    const s = planSettlement({ accountId: account.id, month, usage: usage.get(account.id) ?? [], last: last.get(account.id), account });
    if (s) settlements.push(s);
    else outcomes.push({ status: 'none' });
  }
  if (settlements.length === 0) return outcomes;

  const issued = await insertBills(tx, settlements, now);
  const billOf = new Map(issued.map((b) => [b.accountId, b]));
  await insertRows(
    tx,
    billLines,
    settlements.flatMap((s) => s.rated.lines.map((line) => ({ ...line, billId: billOf.get(s.accountId)!.id }))),
  );
  // Fresh: the accounts are locked above, and every entry names a bill issued just now or
  // the release of the bill before it, which only this month's bill (unique) releases.
  await postEntries(
    tx,
    settlements.flatMap((s) => settlementEntries(s, billOf.get(s.accountId)!.id, now)),
    { fresh: true },
  );
  await notifyAll(
    tx,
    settlements.map((s) => ({
      accountId: s.accountId,
      kind: 'bill_issued' as const,
      title: `${month} 账单已出`,
      body: billIssuedBody(month, s.payableFen, s.cashAfterFen),
      dedupeKey: `bill:${billOf.get(s.accountId)!.id}`,
      now,
    })),
  );
  await enterArrears(
    tx,
    settlements
      .filter((s) => s.cashAfterFen < 0)
      .map((s) => ({ accountId: s.accountId, billId: billOf.get(s.accountId)!.id, month, cashFen: s.cashAfterFen, now })),
  );
  await checkBalanceAlerts(tx, settlements.map((s) => s.accountId), now);
  return [...outcomes, ...issued.map((bill) => ({ status: 'issued' as const, bill }))];
}

import { and, desc, eq, gt, gte, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { billLines, bills, ledgerEntries } from '@/db/schema';
import { ITEM_CODES, type ItemCode } from '@/lib/catalog';
import { yuanToFen, type Fen } from '@/lib/money';
import { monthOf, type Month } from '@/lib/period';
import { estimateFreeze, rateMonth, type RatedMonth } from '@/lib/pricing';
import type { Bill, BillLine } from '@/server/billing';
import { monthUsage } from '@/server/billing/usage';

// 账单 and 本月预估 as the console reads them.

/** 账单, newest month first. */
export function listBills(db: Db, accountId: number): Promise<Bill[]> {
  return db.select().from(bills).where(eq(bills.accountId, accountId)).orderBy(desc(bills.month));
}

export interface BillDetail {
  bill: Bill;
  /** In catalog order; a line with tier null was charged ¥0 (公测免费). */
  lines: BillLine[];
  /** What the settlement meant to freeze for the next month (payable × 100%). */
  estimateFen: Fen;
  /** The part of the estimate not frozen because the balance did not cover it. */
  freezeShortfallFen: Fen;
}

export async function getBill(db: Db, accountId: number, billId: number): Promise<BillDetail> {
  const [bill] = await db.select().from(bills).where(and(eq(bills.id, billId), eq(bills.accountId, accountId))).limit(1);
  if (!bill) throw notFound('账单');
  const lines = await db.select().from(billLines).where(eq(billLines.billId, bill.id));
  const estimateFen = estimateFreeze(bill);
  return { bill, lines: inCatalogOrder(lines), estimateFen, freezeShortfallFen: estimateFen - bill.frozenFen };
}

function inCatalogOrder(lines: BillLine[]): BillLine[] {
  const rank = (l: BillLine) => ITEM_CODES.indexOf(l.item as ItemCode);
  return lines.sort((a, b) => rank(a) - rank(b));
}

export interface MonthEstimate extends RatedMonth {
  month: Month;
  payableFen: Fen;
}

/** 本月预估: the current month rated as if it ended now. */
export async function monthEstimate(db: Db, accountId: number, now: number): Promise<MonthEstimate> {
  const month = monthOf(now);
  const rated = rateMonth({ month, items: await monthUsage(db, accountId, month) });
  return { month, ...rated, payableFen: yuanToFen(rated.payable) };
}

export const BILL_STANDINGS = ['settled', 'arrears', 'pending'] as const;
export type BillStanding = (typeof BILL_STANDINGS)[number];

/**
 * Ids of the bills whose deduction is still unpaid: those charged after cash was last 0
 * or more. Every entry since then left cash below 0, so those bills are the debt a
 * top-up has not yet covered; once cash is back at ≥ 0 the set is empty.
 */
async function unpaidBillIds(db: Db, accountId: number): Promise<Set<string>> {
  const account = eq(ledgerEntries.accountId, accountId);
  const [solvent] = await db.select({ id: max(ledgerEntries.id) }).from(ledgerEntries).where(and(account, gte(ledgerEntries.cashAfterFen, 0)));
  const unpaid = await db
    .select({ ref: ledgerEntries.ref })
    .from(ledgerEntries)
    .where(and(account, eq(ledgerEntries.type, 'bill_payment'), gt(ledgerEntries.id, solvent?.id ?? 0)));
  return new Set(unpaid.map((e) => e.ref));
}

/** 已结清 / 欠费 / 待结算 of each bill, as the 账单 list and detail show it. */
export async function billStandings<B extends Pick<Bill, 'id' | 'status'>>(
  db: Db,
  accountId: number,
  bills: B[],
): Promise<(B & { standing: BillStanding })[]> {
  const unpaid = await unpaidBillIds(db, accountId);
  return bills.map((bill) => ({
    ...bill,
    standing: bill.status !== 'settled' ? 'pending' : unpaid.has(String(bill.id)) ? 'arrears' : 'settled',
  }));
}

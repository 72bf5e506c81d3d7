import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { billLines, bills } from '@/db/schema';
import { ITEM_CODES, type ItemCode } from '@/lib/catalog';
import { yuanToFen, type Fen } from '@/lib/money';
import { monthOf, type Month } from '@/lib/period';
import { estimateFreeze, rateMonth, type RatedMonth } from '@/lib/pricing';
import { notFound } from './errors';
import type { Bill, BillLine } from './settle-month';
import { monthUsage } from './usage';

/** 账单, newest month first. */
export function listBills(db: DB, accountId: number): Bill[] {
  return db.select().from(bills).where(eq(bills.accountId, accountId)).orderBy(desc(bills.month)).all();
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

export function getBill(db: DB, accountId: number, billId: number): BillDetail {
  const bill = db.select().from(bills).where(and(eq(bills.id, billId), eq(bills.accountId, accountId))).get();
  if (!bill) throw notFound('账单');
  const lines = db.select().from(billLines).where(eq(billLines.billId, bill.id)).all();
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
export function monthEstimate(db: DB, accountId: number, now: number): MonthEstimate {
  const month = monthOf(now);
  const rated = rateMonth({ month, items: monthUsage(db, accountId, month) });
  return { month, ...rated, payableFen: yuanToFen(rated.payable) };
}

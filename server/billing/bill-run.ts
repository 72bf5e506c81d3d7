import { eq, gt, isNotNull, min } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { accounts, usageMonthly } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import { monthOf, monthStart, nextMonth, prevMonth, type Month } from '@/lib/period';
import { settleMonth } from './settle-month';

const HOUR_MS = 60 * 60 * 1000;

/** A month's bill is issued from 01:00 (UTC+8) on the 1st of the next month. */
export function billDueAt(month: Month): number {
  return monthStart(nextMonth(month)) + HOUR_MS;
}

/** The latest month whose bill is due at `now`. */
export function lastBillableMonth(now: number): Month {
  return prevMonth(monthOf(now - HOUR_MS));
}

/** The first month any account was activated or used the product; null on a fresh database. */
export function earliestActivityMonth(db: DB): Month | null {
  const activated = db.select({ at: min(accounts.activatedAt) }).from(accounts).where(isNotNull(accounts.activatedAt)).get()?.at;
  const used = db.select({ month: min(usageMonthly.month) }).from(usageMonthly).get()?.month;
  const months = [activated != null ? monthOf(activated) : null, used ?? null].filter((m): m is Month => m !== null);
  return months.length > 0 ? months.reduce((a, b) => (a < b ? a : b)) : null;
}

export interface BillRunSummary {
  month: Month;
  /** Accounts looked at: usage in the month, or money still frozen. */
  accounts: number;
  issued: number;
  /** Bills found already issued (a rerun, or a run after a crash). */
  existing: number;
  /** Σ payable of the bills issued by this run. */
  payableFen: Fen;
}

export function describeBillRun(r: BillRunSummary): string {
  return `出账 ${r.issued} 张（应付合计 ${formatCnyFen(r.payableFen)}），已存在 ${r.existing} 张`;
}

/**
 * The bill run of one month: settles every account that used the product in the month
 * or still has a freeze to release, each in its own transaction. Rerunning it, after a
 * crash or not, only settles the accounts that have no bill yet.
 */
export function billRun(db: DB, month: Month, now: number): BillRunSummary {
  const candidates = db
    .select({ id: usageMonthly.accountId })
    .from(usageMonthly)
    .where(eq(usageMonthly.month, month))
    .union(db.select({ id: accounts.id }).from(accounts).where(gt(accounts.frozenFen, 0)))
    .all();
  const summary: BillRunSummary = { month, accounts: candidates.length, issued: 0, existing: 0, payableFen: 0 };
  for (const { id } of candidates) {
    const outcome = settleMonth(db, id, month, now);
    if (outcome.status === 'issued') {
      summary.issued++;
      summary.payableFen += outcome.bill.payableFen;
    } else if (outcome.status === 'existing') {
      summary.existing++;
    }
  }
  return summary;
}

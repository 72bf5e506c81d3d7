import { eq, gt, isNotNull, min } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, usageMonthly } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import { monthOf, monthStart, nextMonth, prevMonth, type Month } from '@/lib/period';
import { settleAccounts } from './settle-month';

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
export async function earliestActivityMonth(db: Db): Promise<Month | null> {
  const [{ at: activated }] = await db.select({ at: min(accounts.activatedAt) }).from(accounts).where(isNotNull(accounts.activatedAt));
  const [{ month: used }] = await db.select({ month: min(usageMonthly.month) }).from(usageMonthly);
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
 * Accounts settled per transaction. Big enough that the bill run costs a few statements
 * per thousand accounts instead of a dozen per account; small enough that a chunk holds
 * the write lock (SQLite) or its accounts' row locks (PostgreSQL) for a fraction of a
 * second, so metering and top-ups of those accounts wait only that long.
 */
export const ACCOUNTS_PER_TRANSACTION = 1_000;

/**
 * Chunks in flight at once. PostgreSQL settles them in two server processes (two cores)
 * while this process rates the next; SQLite's single writer takes them one after the
 * other (transaction() queues them), so there it only overlaps rating with writing.
 * Chunks hold disjoint accounts, so they never wait on each other's locks.
 */
export const TRANSACTIONS_AT_ONCE = 2;

export interface BillRunOptions {
  accountsPerTransaction?: number;
  transactionsAtOnce?: number;
}

/**
 * The bill run of one month: settles every account that used the product in the month
 * or still has a freeze to release, in id order, a chunk of accounts per transaction
 * (settleAccounts). A failed chunk stops the run (chunks already in flight finish);
 * rerunning it, after a crash or not, only settles the accounts that have no bill yet.
 * Two runs at once settle each account once (settleAccounts locks).
 */
export async function billRun(db: Db, month: Month, now: number, opts: BillRunOptions = {}): Promise<BillRunSummary> {
  const perTransaction = opts.accountsPerTransaction ?? ACCOUNTS_PER_TRANSACTION;
  const candidates = await db
    .select({ id: usageMonthly.accountId })
    .from(usageMonthly)
    .where(eq(usageMonthly.month, month))
    .union(db.select({ id: accounts.id }).from(accounts).where(gt(accounts.frozenFen, 0)));
  const ids = candidates.map((c) => c.id).sort((a, b) => a - b);
  const summary: BillRunSummary = { month, accounts: ids.length, issued: 0, existing: 0, payableFen: 0 };

  let next = 0;
  let failed = false;
  const settleChunks = async () => {
    while (!failed && next < ids.length) {
      const chunk = ids.slice(next, (next += perTransaction));
      try {
        for (const outcome of await transaction(db, (tx) => settleAccounts(tx, chunk, month, now))) {
          if (outcome.status === 'issued') {
            summary.issued++;
            summary.payableFen += outcome.bill.payableFen;
          } else if (outcome.status === 'existing') {
            summary.existing++;
          }
        }
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: opts.transactionsAtOnce ?? TRANSACTIONS_AT_ONCE }, settleChunks));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return summary;
}

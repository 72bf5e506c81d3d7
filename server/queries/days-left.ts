import { and, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { usageDaily, usageMonthly } from '@/db/schema';
import { isItemCode } from '@/lib/catalog';
import { dayOf } from '@/lib/period';
import { DAYS_LEFT_WINDOW_DAYS, daysLeft, windowChargedSpend, type DaysLeft, type WindowCharges } from '@/lib/pricing';
import type { AccountBalances } from './account';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DaysLeftReport {
  /** The window's first and last day (UTC+8), today included: 7 calendar days. */
  fromDay: string;
  toDay: string;
  /** Exact 元 charged postpaid on those days. */
  windowSpendYuan: string;
  daysLeft: DaysLeft;
}

/**
 * 预计可用天数 for 概览: the postpaid calls of today and the 6 days before (usage_daily's
 * 计费调用量), each priced at the tier its month reached so far (usage_monthly), against
 * the available balance the caller already read.
 */
export async function daysLeftReport(db: Db, accountId: number, now: number, balances: Pick<AccountBalances, 'availableFen' | 'inArrears'>): Promise<DaysLeftReport> {
  // UTC+8 has no daylight saving, so 24 h back is always the calendar day before.
  const toDay = dayOf(now);
  const fromDay = dayOf(now - (DAYS_LEFT_WINDOW_DAYS - 1) * DAY_MS);
  const days = await db
    .select({ item: usageDaily.item, day: usageDaily.day, chargedCalls: usageDaily.chargedCalls })
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId), gte(usageDaily.day, fromDay), lte(usageDaily.day, toDay), gt(usageDaily.chargedCalls, 0)));
  const charges = new Map<string, WindowCharges>();
  for (const d of days) {
    if (!isItemCode(d.item)) continue;
    const month = d.day.slice(0, 7);
    const key = `${d.item}:${month}`;
    const c = charges.get(key) ?? { item: d.item, month, monthTotalCalls: 0, chargedCalls: 0 };
    c.chargedCalls += Number(d.chargedCalls);
    charges.set(key, c);
  }
  if (charges.size > 0) {
    const months = [...new Set([...charges.values()].map((c) => c.month))];
    const totals = await db
      .select({ item: usageMonthly.item, month: usageMonthly.month, totalCalls: usageMonthly.totalCalls })
      .from(usageMonthly)
      .where(and(eq(usageMonthly.accountId, accountId), inArray(usageMonthly.month, months)));
    for (const t of totals) {
      const c = charges.get(`${t.item}:${t.month}`);
      if (c) c.monthTotalCalls = Number(t.totalCalls);
    }
  }
  const windowSpendYuan = windowChargedSpend([...charges.values()]);
  return { fromDay, toDay, windowSpendYuan, daysLeft: daysLeft({ ...balances, windowSpendYuan }) };
}

import { and, asc, desc, eq, like } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { usageDaily, usageMonthly } from '@/db/schema';
import { ITEM_CODES, isItemCode, type ItemCode } from '@/lib/catalog';
import { isBetaMonth, parseMonth, type Month } from '@/lib/period';

export type DailyUsage = typeof usageDaily.$inferSelect;

/** 用量统计: one row per item per day with usage, by day then item. */
export function usageByDay(db: Db, accountId: number, month: Month): Promise<DailyUsage[]> {
  return db
    .select()
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId), like(usageDaily.day, `${parseMonth(month)}-%`)))
    .orderBy(asc(usageDaily.day), asc(usageDaily.item));
}

/** Months in which the account has any metered call, newest first. */
export async function usageMonths(db: Db, accountId: number): Promise<Month[]> {
  const rows = await db
    .selectDistinct({ month: usageMonthly.month })
    .from(usageMonthly)
    .where(eq(usageMonthly.accountId, accountId))
    .orderBy(desc(usageMonthly.month));
  return rows.map((r) => r.month);
}

export interface UsageCounts {
  totalCalls: number;
  freeCalls: number;
  packCalls: number;
  chargedCalls: number;
}

export interface DailyUsageRow extends UsageCounts {
  day: string;
  item: ItemCode;
}

export interface UsageReport {
  month: Month;
  /** Beta months' calls were charged ¥0 (公测免费) even where they count as 计费调用量. */
  beta: boolean;
  rows: DailyUsageRow[];
  totals: UsageCounts;
}

const byDayThenCatalogOrder = (a: DailyUsageRow, b: DailyUsageRow) =>
  a.day.localeCompare(b.day) || ITEM_CODES.indexOf(a.item) - ITEM_CODES.indexOf(b.item);

/** 用量统计 of one month, by day then item in price-table order, optionally one item only, with the month's totals. */
export async function usageReport(db: Db, accountId: number, month: Month, item?: ItemCode): Promise<UsageReport> {
  const rows: DailyUsageRow[] = (await usageByDay(db, accountId, month))
    .filter((r) => isItemCode(r.item) && (item === undefined || r.item === item))
    .map(({ day, item, totalCalls, freeCalls, packCalls, chargedCalls }) => ({ day, item: item as ItemCode, totalCalls, freeCalls, packCalls, chargedCalls }))
    .sort(byDayThenCatalogOrder);
  const totals = rows.reduce<UsageCounts>(
    (t, r) => ({
      totalCalls: t.totalCalls + r.totalCalls,
      freeCalls: t.freeCalls + r.freeCalls,
      packCalls: t.packCalls + r.packCalls,
      chargedCalls: t.chargedCalls + r.chargedCalls,
    }),
    { totalCalls: 0, freeCalls: 0, packCalls: 0, chargedCalls: 0 },
  );
  return { month, beta: isBetaMonth(month), rows, totals };
}

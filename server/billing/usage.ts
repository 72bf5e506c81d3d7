import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { usageDaily, usageMonthly } from '@/db/schema';
import type { ItemCode } from '@/lib/catalog';
import { parseMonth, type Month } from '@/lib/period';
import type { ItemUsage } from '@/lib/pricing';

export type DailyUsage = typeof usageDaily.$inferSelect;

/** Accounts' counters for one month, in the shape rateMonth takes, by account. */
export async function monthUsageOf(db: Db, accountIds: readonly number[], month: Month): Promise<Map<number, ItemUsage[]>> {
  const rows = await db
    .select({
      accountId: usageMonthly.accountId,
      item: usageMonthly.item,
      totalCalls: usageMonthly.totalCalls,
      freeCalls: usageMonthly.freeCalls,
      packCalls: usageMonthly.packCalls,
    })
    .from(usageMonthly)
    .where(and(eq(usageMonthly.month, month), inArray(usageMonthly.accountId, [...accountIds])));
  const byAccount = new Map<number, ItemUsage[]>();
  for (const { accountId, ...u } of rows) {
    const list = byAccount.get(accountId) ?? [];
    if (list.length === 0) byAccount.set(accountId, list);
    list.push({ ...u, item: u.item as ItemCode });
  }
  return byAccount;
}

/** An account's counters for one month, in the shape rateMonth takes. */
export async function monthUsage(db: Db, accountId: number, month: Month): Promise<ItemUsage[]> {
  return (await monthUsageOf(db, [accountId], month)).get(accountId) ?? [];
}

/** 用量统计: one row per item per day with usage, by day then item. */
export function usageByDay(db: Db, accountId: number, month: Month): Promise<DailyUsage[]> {
  return db
    .select()
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId), like(usageDaily.day, `${parseMonth(month)}-%`)))
    .orderBy(asc(usageDaily.day), asc(usageDaily.item));
}

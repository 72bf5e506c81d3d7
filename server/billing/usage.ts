import { and, asc, eq, like } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { usageDaily, usageMonthly } from '@/db/schema';
import type { ItemCode } from '@/lib/catalog';
import { parseMonth, type Month } from '@/lib/period';
import type { ItemUsage } from '@/lib/pricing';
import { param, prepared } from './prepared';
import type { DbOrTx } from './tx';

export type DailyUsage = typeof usageDaily.$inferSelect;

const usageOfMonth = (db: DbOrTx) =>
  db
    .select({ item: usageMonthly.item, totalCalls: usageMonthly.totalCalls, freeCalls: usageMonthly.freeCalls, packCalls: usageMonthly.packCalls })
    .from(usageMonthly)
    .where(and(eq(usageMonthly.accountId, param('accountId')), eq(usageMonthly.month, param('month'))))
    .prepare();

/** An account's counters for one month, in the shape rateMonth takes. */
export function monthUsage(db: DbOrTx, accountId: number, month: Month): ItemUsage[] {
  return prepared(db, usageOfMonth)
    .all({ accountId, month })
    .map((u) => ({ ...u, item: u.item as ItemCode }));
}

/** 用量统计: one row per item per day with usage, by day then item. */
export function usageByDay(db: DB, accountId: number, month: Month): DailyUsage[] {
  return db
    .select()
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId), like(usageDaily.day, `${parseMonth(month)}-%`)))
    .orderBy(asc(usageDaily.day), asc(usageDaily.item))
    .all();
}

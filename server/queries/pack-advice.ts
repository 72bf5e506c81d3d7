import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { usageMonthly } from '@/db/schema';
import { ITEM_LIST, type ItemCode } from '@/lib/catalog';
import { isBetaMonth, monthOf, prevMonth, type Month } from '@/lib/period';
import { advisePacks, averageMonthlyCalls, type PackAdvice } from '@/lib/pricing';

/** Items that have prepaid packs, in catalog order: the advisor's rows. */
const PACK_ITEMS = ITEM_LIST.filter((i) => i.packGroup !== null).map((i) => i.code);
const HISTORY_MONTHS = 3;

export interface ItemAdvice extends PackAdvice {
  /** Where the volume came from: the last 3 complete months, or the number typed in. */
  source: 'history' | 'typed';
  /** The months averaged, oldest first (months without calls count as 0). */
  history: { month: Month; calls: number }[];
}

export interface PackAdviceReport {
  /** The first of the 12 months advised: the current month (packs bought now). */
  startMonth: Month;
  /** In the public beta packs cannot be bought, so nothing is advised. */
  beta: boolean;
  items: ItemAdvice[];
}

/** The last `HISTORY_MONTHS` complete months before `now`'s month, oldest first. */
function historyMonths(now: number): Month[] {
  const months = [prevMonth(monthOf(now))];
  while (months.length < HISTORY_MONTHS) months.unshift(prevMonth(months[0]));
  return months;
}

/**
 * 资源包推荐 for every item with packs: the volume is the average of the last 3 complete
 * months (one read of usage_monthly), or for `typed.item` the volume the customer typed.
 * The advice itself is lib/pricing's advisePacks, rated by the bill's own code.
 */
export async function packAdvice(db: Db, accountId: number, now: number, typed?: { item: ItemCode; monthlyCalls: number }): Promise<PackAdviceReport> {
  const startMonth = monthOf(now);
  if (isBetaMonth(startMonth)) return { startMonth, beta: true, items: [] };
  const months = historyMonths(now);
  const rows = await db
    .select({ item: usageMonthly.item, month: usageMonthly.month, calls: usageMonthly.totalCalls })
    .from(usageMonthly)
    .where(and(eq(usageMonthly.accountId, accountId), gte(usageMonthly.month, months[0]), lte(usageMonthly.month, months[months.length - 1])));
  const callsOf = new Map(rows.map((r) => [`${r.item}:${r.month}`, r.calls]));
  const items = PACK_ITEMS.map((item): ItemAdvice => {
    const history = months.map((month) => ({ month, calls: callsOf.get(`${item}:${month}`) ?? 0 }));
    const fromTyped = typed?.item === item;
    const monthlyCalls = fromTyped ? typed.monthlyCalls : averageMonthlyCalls(history.map((h) => h.calls));
    return { ...advisePacks({ item, monthlyCalls, startMonth }), source: fromTyped ? 'typed' : 'history', history };
  });
  return { startMonth, beta: false, items };
}

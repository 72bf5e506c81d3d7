import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rawRows } from '@/db/kernel/results';
import { usageMonthly } from '@/db/schema';
import type { ItemCode } from '@/lib/catalog';
import type { Month } from '@/lib/period';
import type { ItemUsage } from '@/lib/pricing';
import { inJson } from '@/db/kernel/bulk-sql';

/** Accounts' counters for one month, in the shape rateMonth takes, by account. */
export async function monthUsageOf(db: Db, accountIds: readonly number[], month: Month): Promise<Map<number, ItemUsage[]>> {
  const u = usageMonthly;
  const as = (column: { name: string }, name: string) => sql`${sql.identifier(column.name)} AS ${sql.identifier(name)}`;
  // Hand-written: a chunk of the bill run reads 9,000 of these rows, and mapping them through
  // the query builder cost more than reading them.
  const rows = await rawRows<ItemUsage & { accountId: number }>(
    db,
    sql`SELECT ${as(u.accountId, 'accountId')}, ${as(u.item, 'item')}, ${as(u.totalCalls, 'totalCalls')}, ${as(u.freeCalls, 'freeCalls')}, ${as(u.packCalls, 'packCalls')}
      FROM ${u} WHERE ${u.month} = ${month} AND ${inJson(u.accountId, accountIds)}`,
  );
  const byAccount = new Map<number, ItemUsage[]>();
  for (const { accountId, item, totalCalls, freeCalls, packCalls } of rows) {
    const list = byAccount.get(Number(accountId)) ?? [];
    if (list.length === 0) byAccount.set(Number(accountId), list);
    // PostgreSQL hands bigint columns of a raw query back as strings.
    list.push({ item: item as ItemCode, totalCalls: Number(totalCalls), freeCalls: Number(freeCalls), packCalls: Number(packCalls) });
  }
  return byAccount;
}

/** An account's counters for one month, in the shape rateMonth takes. */
export async function monthUsage(db: Db, accountId: number, month: Month): Promise<ItemUsage[]> {
  return (await monthUsageOf(db, [accountId], month)).get(accountId) ?? [];
}

import { and, count, getTableColumns, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockNamed } from '@/db/kernel/locks';
import { rawRun } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { accounts, packs } from '@/db/schema';
import { FREE_CALLS_PER_MONTH, ITEM_LIST, ITEMS, type ItemCode } from '@/lib/catalog';
import { isBetaMonth, monthStart, nextMonth, type Month } from '@/lib/period';

export type Pack = typeof packs.$inferSelect;
export type NewPack = typeof packs.$inferInsert;

/**
 * Items that get a free pack: the billable ones. 图像清晰度增强 (enhance) is never charged,
 * so a free quota for it would cover nothing.
 */
export const FREE_PACK_ITEMS: readonly ItemCode[] = ITEM_LIST.filter((i) => i.billable).map((i) => i.code);

/** Free packs exist from the first billed month, for billable items, for activated accounts. */
export function hasFreePack(account: { activatedAt: number | null }, item: ItemCode, month: Month): boolean {
  return (
    ITEMS[item].billable &&
    !isBetaMonth(month) &&
    account.activatedAt !== null &&
    account.activatedAt < monthStart(nextMonth(month))
  );
}

/** The month's free pack of one item: 10,000 calls for exactly that calendar month (UTC+8). */
export function freePackFor(accountId: number, item: ItemCode, month: Month, now: number, usedCalls = 0): NewPack {
  return {
    accountId,
    item,
    kind: 'free',
    month,
    sizeCalls: FREE_CALLS_PER_MONTH,
    usedCalls,
    validFrom: monthStart(month),
    validUntil: monthStart(nextMonth(month)),
    createdAt: now,
  };
}

/**
 * Grants the free packs of `month` to every account matching `which`, with one
 * INSERT … SELECT per item: a row-by-row insert would hold the write lock for seconds at
 * 10,000 accounts. The unique index makes a second grant a no-op.
 */
export async function grantFreePacks(tx: Db, which: SQL, month: Month, now: number): Promise<number> {
  if (isBetaMonth(month)) return 0;
  const columns = getTableColumns(packs);
  let granted = 0;
  for (const item of FREE_PACK_ITEMS) {
    const fixed = Object.entries(freePackFor(0, item, month, now)).filter(([key]) => key !== 'accountId');
    const fixedColumns = fixed.map(([key]) => columns[key as keyof typeof columns]);
    const names = [columns.accountId, ...fixedColumns].map((c) => sql.identifier(c.name));
    // Typed: PostgreSQL reads a bare parameter in a SELECT list as text.
    const values = fixed.map(([, value], i) => sql`CAST(${value} AS ${sql.raw(fixedColumns[i].getSQLType())})`);
    granted += await rawRun(
      tx,
      sql`INSERT INTO ${packs} (${sql.join(names, sql`, `)})
      SELECT ${accounts.id}, ${sql.join(values, sql`, `)} FROM ${accounts} WHERE ${which}
      ON CONFLICT DO NOTHING`,
    );
  }
  return granted;
}

/** The free-packs job's work for one month: every account activated before the month ended. */
export function grantMonthFreePacks(db: Db, month: Month, now: number): Promise<{ accounts: number; packs: number }> {
  const activatedInTime = and(isNotNull(accounts.activatedAt), lt(accounts.activatedAt, monthStart(nextMonth(month))))!;
  return transaction(db, async (tx) => {
    // The unique index on (account, item, month) of free packs keeps two grants from
    // doubling a pack; the named lock only keeps two schedulers from doing the work twice.
    await lockNamed(tx, `free-packs:${month}`);
    const [{ n }] = await tx.select({ n: count() }).from(accounts).where(activatedInTime);
    return { accounts: n, packs: await grantFreePacks(tx, activatedInTime, month, now) };
  });
}

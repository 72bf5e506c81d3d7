import { eq, getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { insertStatements, selectJsonRows } from '@/db/kernel/bulk-sql';
import { preparedQuery } from '@/db/kernel/prepared';
import { writeBehind } from '@/db/kernel/transaction';
import { packs, usageDaily, usageMonthly } from '@/db/schema';
import { STORE } from '@/db/store';
import type { NewPack } from './free-packs';

type UsageCounters = Pick<typeof usageMonthly.$inferInsert, 'accountId' | 'item' | 'totalCalls' | 'freeCalls' | 'packCalls' | 'chargedCalls'>;

/** Everything one allocation writes, decided by its plan. */
export interface AllocationWrites {
  /** Calls taken from existing packs (the month's free pack, prepaid packs): distinct packs. */
  draws: readonly { packId: number; calls: number }[];
  /** The month's free pack, when the plan drew on it before it existed. */
  newFreePack: NewPack | null;
  usage: UsageCounters;
  month: string;
  day: string;
}

/**
 * Writes an allocation. PostgreSQL: in ONE statement, a data-modifying WITH (each part runs
 * exactly once even unread), since a round trip is most of what a write costs the API there
 * (bench/api/README.md); its parts never touch the same row, which one statement could not
 * order, and their texts do not depend on the values (these travel as JSON). SQLite:
 * prepared statements one by one, each a few µs in process: there the JSON statements cost
 * more (a metering flush of 18, 577 → 836 µs; bench/api/meter-flush.ts).
 */
export async function writeAllocation(tx: Db, w: AllocationWrites): Promise<void> {
  const newFreePack = w.newFreePack && tx.insert(packs).values(w.newFreePack);
  if (STORE !== 'pg') {
    if (newFreePack) await newFreePack;
    for (const d of w.draws) await drawQuery(tx, { id: d.packId, calls: d.calls });
    await bumpMonthly(tx, { ...w.usage, month: w.month });
    await bumpDaily(tx, { ...w.usage, day: w.day });
    return;
  }
  const parts: SQL[] = [];
  if (newFreePack) parts.push(newFreePack.getSQL());
  if (w.draws.length > 0) parts.push(drawsStatement(w.draws));
  parts.push(...insertStatements(usageMonthly, [{ ...w.usage, month: w.month }], MONTHLY_CONFLICT));
  const [daily] = insertStatements(usageDaily, [{ ...w.usage, day: w.day }], DAILY_CONFLICT);
  const named = parts.map((p, i) => sql`${sql.raw(`w${i}`)} AS (${p})`);
  // Later statements queue behind it on the connection and see what it wrote.
  await writeBehind(tx, sql`WITH ${sql.join(named, sql`, `)} ${daily}`);
}

/** Every draw in one UPDATE: the pack ids and calls travel as one JSON parameter. */
function drawsStatement(draws: AllocationWrites['draws']): SQL {
  const rows = selectJsonRows([packs.id, packs.usedCalls], JSON.stringify(draws.map((d) => [d.packId, d.calls])), ['id', 'calls']);
  return sql`UPDATE ${packs} SET ${sql.identifier(packs.usedCalls.name)} = ${packs.usedCalls} + d.calls FROM (${rows}) AS d WHERE ${packs.id} = d.id`;
}

const COUNTER_KEYS = ['totalCalls', 'freeCalls', 'packCalls', 'chargedCalls'] as const;

/** ` ON CONFLICT (<key>) DO UPDATE SET` each counter to itself plus the new calls: as text, built once. */
function addToCounters(table: typeof usageMonthly | typeof usageDaily, key: readonly { name: string }[]): string {
  const columns = getTableColumns(table);
  const name = getTableName(table);
  const sets = COUNTER_KEYS.map((k) => columns[k].name).map((c) => `"${c}" = "${name}"."${c}" + excluded."${c}"`);
  return ` ON CONFLICT (${key.map((c) => `"${c.name}"`).join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}

const MONTHLY_CONFLICT = addToCounters(usageMonthly, [usageMonthly.accountId, usageMonthly.month, usageMonthly.item]);
const DAILY_CONFLICT = addToCounters(usageDaily, [usageDaily.accountId, usageDaily.item, usageDaily.day]);

// SQLite's statements, built once (db/kernel/prepared.ts).

/** Each counter plus the new calls, as the query builder writes it. */
function counterIncrements(t: typeof usageMonthly | typeof usageDaily) {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, sql`${t[k]} + ${sql.raw(`excluded."${t[k].name}"`)}`]));
}

const counters = Object.fromEntries(['accountId', 'item', ...COUNTER_KEYS].map((k) => [k, sql.placeholder(k)]));

const bumpMonthly = preparedQuery('bump_usage_monthly', (db) =>
  db
    .insert(usageMonthly)
    .values({ ...counters, month: sql.placeholder('month') } as PgInsertValue<typeof usageMonthly>)
    .onConflictDoUpdate({ target: [usageMonthly.accountId, usageMonthly.month, usageMonthly.item], set: counterIncrements(usageMonthly) }),
);

const bumpDaily = preparedQuery('bump_usage_daily', (db) =>
  db
    .insert(usageDaily)
    .values({ ...counters, day: sql.placeholder('day') } as PgInsertValue<typeof usageDaily>)
    .onConflictDoUpdate({ target: [usageDaily.accountId, usageDaily.item, usageDaily.day], set: counterIncrements(usageDaily) }),
);

const drawQuery = preparedQuery('draw_from_pack', (db) =>
  db
    .update(packs)
    .set({ usedCalls: sql`${packs.usedCalls} + ${sql.placeholder('calls')}` })
    .where(eq(packs.id, sql.placeholder('id'))),
);

import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { packs } from '@/db/schema';
import { ITEMS, type ItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { notify } from '@/server/notifications/notify';
import type { Pack } from './free-packs';

/**
 * After `taken` calls came out of an item's prepaid packs (`valid`: every valid,
 * unrefunded prepaid pack of the item, as read before the calls were taken), tells the
 * customer when what is left falls below 20% of those packs' total size, and when it
 * reaches 0. "Low" fires once per set of packs (each pack remembers it was counted in a
 * low alert, so buying a new pack re-arms it); "empty" fires once per draining.
 */
export async function raisePrepaidAlerts(
  tx: Db,
  a: { accountId: number; item: ItemCode; valid: readonly Pack[]; taken: number; lastDrawnPackId: number; at: number },
): Promise<void> {
  // Packs already used up before these calls no longer count: "20% left" is about what
  // the customer can still draw on, not about packs that ran out months ago.
  const live = a.valid.filter((p) => p.usedCalls < p.sizeCalls);
  const size = live.reduce((s, p) => s + p.sizeCalls, 0);
  const left = live.reduce((s, p) => s + p.sizeCalls - p.usedCalls, 0) - a.taken;
  const name = ITEMS[a.item].name;
  if (left === 0) {
    await notify(tx, {
      accountId: a.accountId,
      kind: 'pack_empty',
      title: '资源包已用完',
      body: `${name}的预付费资源包已全部用完，之后的调用将按后付费计费。`,
      dedupeKey: `pack_empty:${a.item}:${a.lastDrawnPackId}`,
      now: a.at,
    });
    return;
  }
  if (left * 5 >= size || live.every((p) => p.lowNotified)) return;
  const ids = live.map((p) => p.id);
  await notify(tx, {
    accountId: a.accountId,
    kind: 'pack_low',
    title: '资源包余量不足',
    body: `${name}的预付费资源包剩余 ${formatCalls(left)} 次，已低于总量 ${formatCalls(size)} 次的 20%，请及时购买。`,
    dedupeKey: `pack_low:${a.item}:${Math.max(...ids)}`,
    now: a.at,
  });
  await tx.update(packs).set({ lowNotified: true }).where(inArray(packs.id, ids));
}

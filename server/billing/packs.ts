import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { packs } from '@/db/schema';
import { ITEMS, PACK_REFUND_DAYS, PACK_VALID_MONTHS, type ItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { postEntry } from '@/server/ledger/post-entry';
import { endArrearsIfCovered } from './arrears';
import { checkBalanceAlerts } from './balance-alert';
import { BillingError } from './errors';
import type { NewPack, Pack } from './free-packs';

export type PackStatus = 'active' | 'used_up' | 'expired' | 'refunded';

export const PACK_STATUS_LABELS: Readonly<Record<PackStatus, string>> = {
  active: '有效',
  used_up: '已用完',
  expired: '已过期',
  refunded: '已退款',
};

const DAY_MS = 24 * 60 * 60 * 1000;
const UTC8_MS = 8 * 60 * 60 * 1000;

/** Packs have no expiry job: their status follows from the time. */
export function packStatus(pack: Pack, now: number): PackStatus {
  if (pack.refundedAt !== null) return 'refunded';
  if (pack.usedCalls >= pack.sizeCalls) return 'used_up';
  return now >= pack.validUntil ? 'expired' : 'active';
}

/**
 * Valid for one year: until the same wall-clock time (UTC+8) twelve months after the
 * purchase; a pack bought on 29 February runs until 1 March.
 */
export function packValidUntil(purchasedAt: number): number {
  const d = new Date(purchasedAt + UTC8_MS);
  d.setUTCMonth(d.getUTCMonth() + PACK_VALID_MONTHS);
  return d.getTime() - UTC8_MS;
}

/** Why this pack cannot be refunded now, or null if it can. */
export function refundRefusal(pack: Pack, now: number): string | null {
  if (pack.kind !== 'prepaid') return '免费资源包不支持退款';
  if (pack.refundedAt !== null) return '资源包已退款';
  if (pack.usedCalls > 0) return '资源包已被使用，不支持退款';
  if (now >= pack.createdAt + PACK_REFUND_DAYS * DAY_MS) return `已超过购买后 ${PACK_REFUND_DAYS} 天的退款期限`;
  return null;
}

/**
 * The packs a paid order buys, usable at once. The order amount is split into whole-fen
 * shares (the first packs take any remainder), so refunding every pack returns exactly
 * what was paid.
 */
export function prepaidPacksFor(
  order: { id: string; accountId: number; item: string; quantity: number; amountFen: number },
  sizeCalls: number,
  paidAt: number,
): NewPack[] {
  const share = Math.floor(order.amountFen / order.quantity);
  const remainder = order.amountFen - share * order.quantity;
  return Array.from({ length: order.quantity }, (_, i) => ({
    accountId: order.accountId,
    item: order.item,
    kind: 'prepaid' as const,
    sizeCalls,
    validFrom: paidAt,
    validUntil: packValidUntil(paidAt),
    orderId: order.id,
    priceFen: share + (i < remainder ? 1 : 0),
    createdAt: paidAt,
  }));
}

/** Refunds an unused prepaid pack within 7 days of purchase; refunding it again is a no-op. */
export function refundPack(db: Db, input: { accountId: number; packId: number; now: number }): Promise<Pack> {
  const { accountId, packId, now } = input;
  return transaction(db, async (tx) => {
    // "Unused and not refunded" decides the credit: with the account locked, a refund
    // and a call drawing on the pack (allocateCalls locks it too) cannot interleave, nor
    // can two refunds (and the ledger's (account, type, ref) key refuses a second credit).
    await lockAccounts(tx, [accountId]);
    const [pack] = await tx.select().from(packs).where(and(eq(packs.id, packId), eq(packs.accountId, accountId))).limit(1);
    if (!pack) throw notFound('资源包');
    if (pack.refundedAt !== null) return pack;
    const refusal = refundRefusal(pack, now);
    if (refusal) throw new BillingError('RefundNotAllowed', refusal);

    await postEntry(tx, {
      accountId,
      type: 'pack_refund',
      cashDeltaFen: pack.priceFen,
      frozenDeltaFen: 0,
      ref: String(pack.id),
      note: `资源包退款：${ITEMS[pack.item as ItemCode].name} ${formatCalls(pack.sizeCalls)} 次`,
      now,
    });
    await endArrearsIfCovered(tx, accountId, `pack_refund:${pack.id}`, now);
    await checkBalanceAlerts(tx, [accountId], now);
    const [refunded] = await tx.update(packs).set({ refundedAt: now }).where(eq(packs.id, pack.id)).returning();
    return refunded;
  });
}

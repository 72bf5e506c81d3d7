import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { orders, packs } from '@/db/schema';
import {
  ITEMS,
  ORDER_TTL_MINUTES,
  PACK_QUANTITY_MAX,
  PACK_QUANTITY_MIN,
  isItemCode,
  isPackSizeCode,
  packSizeOf,
  type ItemCode,
  type PackSizeCode,
} from '@/lib/catalog';
import { isBetaTime } from '@/lib/period';
import { packPriceFen } from '@/lib/pricing';
import { postEntry } from '@/server/ledger/post-entry';
import { getAccount } from './accounts';
import { checkBalanceAlerts } from './balance-alert';
import { BillingError } from './errors';
import { insertUnderReference } from './ids';
import { prepaidPacksFor } from './packs';

export type Order = typeof orders.$inferSelect;
export type OrderStatus = Order['status'];

const ORDER_TTL_MS = ORDER_TTL_MINUTES * 60 * 1000;

/** An unpaid order lapses at expiresAt even before the sweep records it. */
export function orderStatusAt(order: Order, now: number): OrderStatus {
  return order.status === 'pending' && now >= order.expiresAt ? 'expired' : order.status;
}

export interface CreateOrderInput {
  accountId: number;
  item: string;
  sizeCode: string;
  quantity: number;
  /** Same key, same order: a double click on 立即购买 creates one order. */
  idempotencyKey: string;
  now: number;
}

/** 立即购买: an unpaid order for `quantity` packs, priced by the same code as the page. */
export async function createOrder(db: Db, input: CreateOrderInput): Promise<Order> {
  const { accountId, item, sizeCode, quantity, idempotencyKey, now } = input;
  if (isBetaTime(now)) throw new BillingError('BetaNoPacks', '公测期间暂不支持购买资源包');
  if (!isItemCode(item) || !ITEMS[item].packGroup || !isPackSizeCode(sizeCode)) {
    throw new BillingError('InvalidPack', '不支持的资源包规格');
  }
  if (!Number.isSafeInteger(quantity) || quantity < PACK_QUANTITY_MIN || quantity > PACK_QUANTITY_MAX) {
    throw new BillingError('InvalidQuantity', `购买数量须为 ${PACK_QUANTITY_MIN} 至 ${PACK_QUANTITY_MAX} 的整数`);
  }
  // The unique (account, idempotency key) index: of two clicks at once, one creates.
  const { row } = await insertUnderReference(
    db,
    '',
    now,
    (tx, id) =>
      tx
        .insert(orders)
        .values({
          id,
          accountId,
          item,
          sizeCode,
          quantity,
          amountFen: packPriceFen({ item, size: sizeCode }, quantity),
          status: 'pending',
          idempotencyKey,
          createdAt: now,
          expiresAt: now + ORDER_TTL_MS,
        })
        .onConflictDoNothing()
        .returning(),
    () => db.select().from(orders).where(and(eq(orders.accountId, accountId), eq(orders.idempotencyKey, idempotencyKey))).limit(1),
  );
  return row;
}

async function ownOrder(tx: Db, accountId: number, orderId: string): Promise<Order> {
  const [order] = await tx.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.accountId, accountId))).limit(1);
  if (!order) throw notFound('订单');
  return order;
}

/**
 * Pays an order from the available balance (cash − frozen) and makes its packs usable at
 * once. Paying a paid order again returns it and charges nothing.
 */
export function payOrder(db: Db, input: { accountId: number; orderId: string; now: number }): Promise<Order> {
  const { accountId, orderId, now } = input;
  return transaction(db, async (tx) => {
    // The balance and the order's status read here decide the payment: with the account
    // locked (FOR UPDATE on PostgreSQL; SQLite's single writer), two payments of one
    // account — of this order or another — run one after the other.
    await lockAccounts(tx, [accountId]);
    const order = await ownOrder(tx, accountId, orderId);
    const status = orderStatusAt(order, now);
    if (status === 'paid') return order;
    if (status !== 'pending') throw new BillingError('OrderNotPayable', status === 'expired' ? '订单已超时关闭，请重新下单' : '订单已取消');

    const { cashFen, frozenFen } = await getAccount(tx, accountId);
    if (cashFen - frozenFen < order.amountFen) throw new BillingError('BalanceInsufficient', '余额不足，请先充值');
    const size = packSizeOf(order.sizeCode as PackSizeCode);
    await postEntry(tx, {
      accountId,
      type: 'pack_purchase',
      cashDeltaFen: -order.amountFen,
      frozenDeltaFen: 0,
      ref: order.id,
      note: `购买资源包：${ITEMS[order.item as ItemCode].name} ${size.label} × ${order.quantity}`,
      now,
    });
    await tx.insert(packs).values(prepaidPacksFor(order, size.calls, now));
    const [paid] = await tx.update(orders).set({ status: 'paid', paidAt: now }).where(eq(orders.id, order.id)).returning();
    await checkBalanceAlerts(tx, [accountId], now);
    return paid;
  });
}

/** Cancels an unpaid order; a closed one is returned as it is, a paid one cannot be. */
export function cancelOrder(db: Db, input: { accountId: number; orderId: string; now: number }): Promise<Order> {
  const { accountId, orderId, now } = input;
  return transaction(db, async (tx) => {
    // Locked like payOrder, so a cancel and a payment of one order cannot both succeed.
    await lockAccounts(tx, [accountId]);
    const order = await ownOrder(tx, accountId, orderId);
    if (order.status === 'paid') throw new BillingError('OrderNotCancellable', '订单已支付，不能取消');
    const status = orderStatusAt(order, now);
    if (status !== 'pending') return { ...order, status };
    const [cancelled] = await tx.update(orders).set({ status: 'cancelled', closedAt: now }).where(eq(orders.id, order.id)).returning();
    return cancelled;
  });
}

/** Records every unpaid order past its 30 minutes as expired; returns how many lapsed. */
export function lapseOrders(db: Db, now: number): Promise<number> {
  // Conditional on status = 'pending': a payment committed first keeps its order paid.
  return transaction(db, async (tx) =>
    affectedRows(
      await tx
        .update(orders)
        .set({ status: 'expired', closedAt: sql`${orders.expiresAt}` })
        .where(and(eq(orders.status, 'pending'), lte(orders.expiresAt, now))),
    ),
  );
}

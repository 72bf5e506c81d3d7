import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { orders } from '@/db/schema';
import { orderStatusAt, type Order } from '@/server/billing';
import { notFound } from '@/server/billing/errors';

/**
 * One order of the account, a lapsed one shown as expired. Another account's order is
 * "not found", never "forbidden": its existence is not the caller's business.
 */
export function getOrder(db: DB, accountId: number, orderId: string, now: number): Order {
  const order = db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.accountId, accountId))).get();
  if (!order) throw notFound('订单');
  return { ...order, status: orderStatusAt(order, now) };
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orders } from '@/db/schema';
import { notFound } from '@/db/not-found';
import { orderStatusAt, type Order } from '@/server/billing';

/**
 * One order of the account, a lapsed one shown as expired. Another account's order is
 * "not found", never "forbidden": its existence is not the caller's business.
 */
export async function getOrder(db: Db, accountId: number, orderId: string, now: number): Promise<Order> {
  const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.accountId, accountId))).limit(1);
  if (!order) throw notFound('订单');
  return { ...order, status: orderStatusAt(order, now) };
}

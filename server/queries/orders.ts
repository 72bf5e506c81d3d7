import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orders } from '@/db/schema';
import { notFound } from '@/db/not-found';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
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

/** 订单, newest first, with lapsed orders shown as expired. */
export async function listOrders(db: Db, accountId: number, now: number, req?: PageRequest): Promise<Page<Order>> {
  const { page, pageSize, offset } = pageWindow(req);
  const rows = (
    await db
      .select()
      .from(orders)
      .where(eq(orders.accountId, accountId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(pageSize)
      .offset(offset)
  ).map((o) => ({ ...o, status: orderStatusAt(o, now) }));
  const [{ n: total }] = await db.select({ n: count() }).from(orders).where(eq(orders.accountId, accountId));
  return { rows, total, page, pageSize };
}

import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { ORDER_TTL_MINUTES } from '@/lib/catalog';
import { createOrder } from '@/server/billing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { getOrder, listOrders } from './orders';

const CREATED = at('2019-12-05 10:00');
const LAPSED = CREATED + ORDER_TTL_MINUTES * 60_000;

describe('订单 as the console reads them', () => {
  it('an unpaid order shows as expired once its 30 minutes are over; another account cannot see it', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const other = await createTestAccount(db);
    const order = await createOrder(db, { accountId: id, item: 'label', sizeCode: '100k', quantity: 2, idempotencyKey: 'attempt-0000000001', now: CREATED });

    expect(await getOrder(db, id, order.id, LAPSED - 1)).toMatchObject({ id: order.id, status: 'pending', amountFen: 45_000 });
    expect((await getOrder(db, id, order.id, LAPSED)).status).toBe('expired');
    await expect(getOrder(db, other.id, order.id, CREATED)).rejects.toThrow('订单不存在');
    expect((await listOrders(db, other.id, CREATED)).total).toBe(0);
  });

  it('lists newest first, a page at a time', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await createOrder(db, { accountId: id, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: `attempt-000000000${i}`, now: CREATED + i });
      ids.push(o.id);
    }
    const page = await listOrders(db, id, CREATED + 10, { page: 1, pageSize: 2 });
    expect([page.total, page.rows.map((o) => o.id)]).toEqual([3, [ids[2], ids[1]]]);
    expect((await listOrders(db, id, CREATED + 10, { page: 2, pageSize: 2 })).rows.map((o) => o.id)).toEqual([ids[0]]);
  });
});

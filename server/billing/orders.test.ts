import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { packs } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { accountBalances } from '@/server/queries/account';
import { listOrders } from '@/server/queries/orders';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { cancelOrder, createOrder, payOrder } from './orders';

const DEC = at('2019-12-10 12:00');

async function funded(db: Db, amountFen: number): Promise<number> {
  const { id } = await createTestAccount(db);
  if (amountFen > 0) await topUp(db, { accountId: id, amountFen, idempotencyKey: 'seed', now: DEC });
  return id;
}

const order = (accountId: number, over: Partial<Parameters<typeof createOrder>[1]> = {}) => ({
  accountId, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: 'k1', now: DEC, ...over,
});

describe('orders', () => {
  it('are refused during the beta (公测期间暂不支持购买资源包)', async () => {
    const db = await openTestDb();
    const id = await funded(db, 100_000);
    await expect(createOrder(db, order(id, { now: at('2019-11-30 23:59:59') }))).rejects.toThrowError(
      expect.objectContaining({ code: 'BetaNoPacks', message: '公测期间暂不支持购买资源包' }),
    );
  });

  it.each([0, 100, 1.5, Number.NaN])('refuse quantity %s (whole numbers 1–99 only)', async (quantity) => {
    const db = await openTestDb();
    await expect(createOrder(db, order(await funded(db, 0), { quantity }))).rejects.toThrowError(expect.objectContaining({ code: 'InvalidQuantity' }));
  });

  it('refuse items without packs and unknown sizes', async () => {
    const db = await openTestDb();
    const id = await funded(db, 0);
    await expect(createOrder(db, order(id, { item: 'enhance' }))).rejects.toThrowError(expect.objectContaining({ code: 'InvalidPack' }));
    await expect(createOrder(db, order(id, { sizeCode: '5m' }))).rejects.toThrowError(expect.objectContaining({ code: 'InvalidPack' }));
  });

  it('price with the pack table: 3 × 1000万次 of group C = ¥54,000', async () => {
    const db = await openTestDb();
    expect((await createOrder(db, order(await funded(db, 0), { item: 'quality', sizeCode: '10m', quantity: 3 }))).amountFen).toBe(5_400_000);
  });

  it('retried createOrder and double pay charge once', async () => {
    const db = await openTestDb();
    const id = await funded(db, 50_000);
    const first = await createOrder(db, order(id, { quantity: 2 })); // 2 × ¥225 = ¥450
    const retried = await createOrder(db, order(id, { quantity: 2, now: DEC + 1_000 }));
    expect(retried.id).toBe(first.id);
    await payOrder(db, { accountId: id, orderId: first.id, now: DEC + 2_000 });
    const again = await payOrder(db, { accountId: id, orderId: first.id, now: DEC + 3_000 });
    expect(again).toMatchObject({ status: 'paid', paidAt: DEC + 2_000 });
    expect((await accountBalances(db, id)).cashFen).toBe(5_000);
    const bought = await db.select().from(packs).where(eq(packs.orderId, first.id));
    expect(bought.map((p) => [p.sizeCalls, p.priceFen, p.validFrom])).toEqual([
      [100_000, 22_500, DEC + 2_000],
      [100_000, 22_500, DEC + 2_000],
    ]);
    await expectLedgerBalanced(db, id);
  });

  it('paid twice at once: charged once, packs created once', async () => {
    const db = await openTestDb();
    const id = await funded(db, 50_000);
    const o = await createOrder(db, order(id));
    const both = await Promise.all([payOrder(db, { accountId: id, orderId: o.id, now: DEC }), payOrder(db, { accountId: id, orderId: o.id, now: DEC + 1 })]);
    expect(both.map((p) => p.status)).toEqual(['paid', 'paid']);
    expect((await accountBalances(db, id)).cashFen).toBe(50_000 - 22_500);
    expect(await db.select().from(packs).where(eq(packs.orderId, o.id))).toHaveLength(1);
    await expectLedgerBalanced(db, id);
  });

  it('pay from the available balance, not from frozen money', async () => {
    const db = await openTestDb();
    const id = await funded(db, 22_499);
    const o = await createOrder(db, order(id));
    await expect(payOrder(db, { accountId: id, orderId: o.id, now: DEC })).rejects.toThrowError(
      expect.objectContaining({ code: 'BalanceInsufficient', message: '余额不足，请先充值' }),
    );
    expect((await accountBalances(db, id)).cashFen).toBe(22_499);
    expect(await db.select().from(packs)).toEqual([]);
  });

  it('can be cancelled while unpaid, lapse after 30 minutes, and are then not payable', async () => {
    const db = await openTestDb();
    const id = await funded(db, 100_000);
    const cancelled = await createOrder(db, order(id, { idempotencyKey: 'a' }));
    expect((await cancelOrder(db, { accountId: id, orderId: cancelled.id, now: DEC })).status).toBe('cancelled');
    await expect(payOrder(db, { accountId: id, orderId: cancelled.id, now: DEC })).rejects.toThrowError(expect.objectContaining({ code: 'OrderNotPayable' }));

    const lapsed = await createOrder(db, order(id, { idempotencyKey: 'b' }));
    const late = DEC + 30 * 60 * 1000;
    expect((await listOrders(db, id, late)).rows.find((o) => o.id === lapsed.id)!.status).toBe('expired');
    await expect(payOrder(db, { accountId: id, orderId: lapsed.id, now: late })).rejects.toThrowError(expect.objectContaining({ code: 'OrderNotPayable' }));
    expect((await cancelOrder(db, { accountId: id, orderId: lapsed.id, now: late })).status).toBe('expired');

    const paid = await createOrder(db, order(id, { idempotencyKey: 'c' }));
    await payOrder(db, { accountId: id, orderId: paid.id, now: DEC });
    await expect(cancelOrder(db, { accountId: id, orderId: paid.id, now: DEC })).rejects.toThrowError(expect.objectContaining({ code: 'OrderNotCancellable' }));
    expect((await accountBalances(db, id)).cashFen).toBe(100_000 - 22_500);
    await expectLedgerBalanced(db, id);
  });

  it("are not found from another account", async () => {
    const db = await openTestDb();
    const mine = await createOrder(db, order(await funded(db, 0)));
    const other = await funded(db, 100_000);
    await expect(payOrder(db, { accountId: other, orderId: mine.id, now: DEC })).rejects.toThrowError(expect.objectContaining({ code: 'NotFound' }));
    expect((await accountBalances(db, other)).cashFen).toBe(100_000);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb, type DB } from '@/db/client';
import { packs } from '@/db/schema';
import { accountBalances, topUp } from '@/server/ledger';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { cancelOrder, createOrder, listOrders, payOrder } from './orders';

const DEC = at('2019-12-10 12:00');

function funded(db: DB, amountFen: number) {
  const { id } = createTestAccount(db);
  if (amountFen > 0) topUp(db, { accountId: id, amountFen, idempotencyKey: 'seed', now: DEC });
  return id;
}

const order = (accountId: number, over: Partial<Parameters<typeof createOrder>[1]> = {}) => ({
  accountId, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: 'k1', now: DEC, ...over,
});

describe('orders', () => {
  it('are refused during the beta (公测期间暂不支持购买资源包)', () => {
    const db = openTestDb();
    const id = funded(db, 100_000);
    expect(() => createOrder(db, order(id, { now: at('2019-11-30 23:59:59') }))).toThrowError(
      expect.objectContaining({ code: 'BetaNoPacks', message: '公测期间暂不支持购买资源包' }),
    );
  });

  it.each([0, 100, 1.5, Number.NaN])('refuse quantity %s (whole numbers 1–99 only)', (quantity) => {
    const db = openTestDb();
    expect(() => createOrder(db, order(funded(db, 0), { quantity }))).toThrowError(expect.objectContaining({ code: 'InvalidQuantity' }));
  });

  it('refuse items without packs and unknown sizes', () => {
    const db = openTestDb();
    const id = funded(db, 0);
    expect(() => createOrder(db, order(id, { item: 'enhance' }))).toThrowError(expect.objectContaining({ code: 'InvalidPack' }));
    expect(() => createOrder(db, order(id, { sizeCode: '5m' }))).toThrowError(expect.objectContaining({ code: 'InvalidPack' }));
  });

  it('price with the pack table: 3 × 1000万次 of group C = ¥54,000', () => {
    const db = openTestDb();
    expect(createOrder(db, order(funded(db, 0), { item: 'quality', sizeCode: '10m', quantity: 3 })).amountFen).toBe(5_400_000);
  });

  it('retried createOrder and double pay charge once', () => {
    const db = openTestDb();
    const id = funded(db, 50_000);
    const first = createOrder(db, order(id, { quantity: 2 })); // 2 × ¥225 = ¥450
    const retried = createOrder(db, order(id, { quantity: 2, now: DEC + 1_000 }));
    expect(retried.id).toBe(first.id);
    payOrder(db, { accountId: id, orderId: first.id, now: DEC + 2_000 });
    const again = payOrder(db, { accountId: id, orderId: first.id, now: DEC + 3_000 });
    expect(again).toMatchObject({ status: 'paid', paidAt: DEC + 2_000 });
    expect(accountBalances(db, id).cashFen).toBe(5_000);
    const bought = db.select().from(packs).where(eq(packs.orderId, first.id)).all();
    expect(bought.map((p) => [p.sizeCalls, p.priceFen, p.validFrom])).toEqual([
      [100_000, 22_500, DEC + 2_000],
      [100_000, 22_500, DEC + 2_000],
    ]);
    expectLedgerBalanced(db, id);
  });

  it('pay from the available balance, not from frozen money', () => {
    const db = openTestDb();
    const id = funded(db, 22_499);
    const o = createOrder(db, order(id));
    expect(() => payOrder(db, { accountId: id, orderId: o.id, now: DEC })).toThrowError(
      expect.objectContaining({ code: 'BalanceInsufficient', message: '余额不足，请先充值' }),
    );
    expect(accountBalances(db, id).cashFen).toBe(22_499);
    expect(db.select().from(packs).all()).toEqual([]);
  });

  it('can be cancelled while unpaid, lapse after 30 minutes, and are then not payable', () => {
    const db = openTestDb();
    const id = funded(db, 100_000);
    const cancelled = createOrder(db, order(id, { idempotencyKey: 'a' }));
    expect(cancelOrder(db, { accountId: id, orderId: cancelled.id, now: DEC }).status).toBe('cancelled');
    expect(() => payOrder(db, { accountId: id, orderId: cancelled.id, now: DEC })).toThrowError(expect.objectContaining({ code: 'OrderNotPayable' }));

    const lapsed = createOrder(db, order(id, { idempotencyKey: 'b' }));
    const late = DEC + 30 * 60 * 1000;
    expect(listOrders(db, id, late).rows.find((o) => o.id === lapsed.id)!.status).toBe('expired');
    expect(() => payOrder(db, { accountId: id, orderId: lapsed.id, now: late })).toThrowError(expect.objectContaining({ code: 'OrderNotPayable' }));
    expect(cancelOrder(db, { accountId: id, orderId: lapsed.id, now: late }).status).toBe('expired');

    const paid = createOrder(db, order(id, { idempotencyKey: 'c' }));
    payOrder(db, { accountId: id, orderId: paid.id, now: DEC });
    expect(() => cancelOrder(db, { accountId: id, orderId: paid.id, now: DEC })).toThrowError(expect.objectContaining({ code: 'OrderNotCancellable' }));
    expect(accountBalances(db, id).cashFen).toBe(100_000 - 22_500);
    expectLedgerBalanced(db, id);
  });

  it("are not found from another account", () => {
    const db = openTestDb();
    const mine = createOrder(db, order(funded(db, 0)));
    const other = funded(db, 100_000);
    expect(() => payOrder(db, { accountId: other, orderId: mine.id, now: DEC })).toThrowError(expect.objectContaining({ code: 'NotFound' }));
  });
});

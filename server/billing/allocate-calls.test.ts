import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb, type DB } from '@/db/client';
import { packs } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { listNotifications } from '@/server/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';

function customer(db: DB): number {
  const { id } = createTestAccount(db);
  activateAccount(db, id, at('2019-12-01 09:00'));
  topUp(db, { accountId: id, amountFen: 1_000_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
  return id;
}

function buy(db: DB, accountId: number, now: number, key: string): number {
  const o = createOrder(db, { accountId, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: key, now });
  payOrder(db, { accountId, orderId: o.id, now });
  return db.select().from(packs).where(eq(packs.orderId, o.id)).get()!.id;
}

const label = (accountId: number, count: number, iso: string) => ({ accountId, item: 'label' as const, count, at: at(iso) });

describe('allocateCalls deduction order', () => {
  it('free pack first, then the prepaid pack expiring first, then postpaid', () => {
    const db = openTestDb();
    const id = customer(db);
    const bought = buy(db, id, at('2019-12-02'), 'a');
    // A pack bought later but expiring earlier (e.g. from a promotion) is used first.
    const { id: early } = db
      .insert(packs)
      .values({ accountId: id, item: 'label', kind: 'prepaid', sizeCalls: 50, validFrom: at('2019-12-03'), validUntil: at('2020-01-15'), createdAt: at('2019-12-03') })
      .returning()
      .get();
    expect(allocateCalls(db, label(id, 10_040, '2019-12-05'))).toEqual({ free: 10_000, pack: 40, charged: 0, packIds: [early] });
    expect(allocateCalls(db, label(id, 20, '2019-12-06'))).toEqual({ free: 0, pack: 20, charged: 0, packIds: [early, bought] });
    expect(allocateCalls(db, label(id, 99_990 + 5, '2019-12-07'))).toEqual({ free: 0, pack: 99_990, charged: 5, packIds: [bought] });
  });

  it('refuses an account that is not activated, writing nothing', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    expect(() => allocateCalls(db, label(id, 1, '2019-12-05'))).toThrowError(expect.objectContaining({ code: 'NotActivated' }));
  });

  it('joins a caller transaction: a later failure there rolls the metering back', () => {
    const db = openTestDb();
    const id = customer(db);
    expect(() =>
      db.transaction((tx) => {
        allocateCalls(tx, label(id, 5, '2019-12-05'));
        throw new Error('engine failed after metering');
      }),
    ).toThrow('engine failed');
    expect(db.select().from(packs).where(and(eq(packs.accountId, id), eq(packs.item, 'label'))).get()!.usedCalls).toBe(0);
  });
});

describe('prepaid pack notifications', () => {
  it('warn once below 20% per set of packs, re-arm on a new pack, and tell when they run out', () => {
    const db = openTestDb();
    const id = customer(db);
    const kinds = () => listNotifications(db, id).rows.map((n) => n.kind).reverse();
    buy(db, id, at('2019-12-02'), 'a');
    allocateCalls(db, label(id, 10_000 + 80_000, '2019-12-03')); // 20,000 left: exactly 20%, not below
    expect(kinds()).toEqual([]);
    allocateCalls(db, label(id, 1, '2019-12-03')); // 19,999 < 20%
    allocateCalls(db, label(id, 1, '2019-12-03'));
    expect(kinds()).toEqual(['pack_low']);

    buy(db, id, at('2019-12-04'), 'b'); // 119,998 of 200,000 left
    allocateCalls(db, label(id, 19_998, '2019-12-05')); // the old pack runs out: 100,000 of 200,000 left
    expect(kinds()).toEqual(['pack_low']);
    allocateCalls(db, label(id, 80_000, '2019-12-05')); // 20,000 of the 100,000 still in use: exactly 20%
    expect(kinds()).toEqual(['pack_low']);
    allocateCalls(db, label(id, 1, '2019-12-05')); // 19,999: the new pack re-armed the warning
    expect(kinds()).toEqual(['pack_low', 'pack_low']);
    allocateCalls(db, label(id, 19_999 + 10, '2019-12-06'));
    allocateCalls(db, label(id, 10, '2019-12-06'));
    expect(kinds()).toEqual(['pack_low', 'pack_low', 'pack_empty']);
  });

  it('measure 20% against the packs still in use, not against packs already used up', () => {
    const db = openTestDb();
    const id = customer(db);
    const kinds = () => listNotifications(db, id).rows.map((n) => n.kind).reverse();
    buy(db, id, at('2019-12-02'), 'a');
    allocateCalls(db, label(id, 10_000 + 80_001, '2019-12-03'));
    allocateCalls(db, label(id, 19_999, '2019-12-03')); // the first pack runs out
    expect(kinds()).toEqual(['pack_low', 'pack_empty']);
    buy(db, id, at('2019-12-04'), 'b');
    // 50,000 of the new 100,000 left: half of what is in use, so no warning (against both
    // packs' 200,000 it would have looked like 25%, and 30,000 like 15%)
    allocateCalls(db, label(id, 50_000, '2019-12-05'));
    allocateCalls(db, label(id, 20_000, '2019-12-05'));
    expect(kinds()).toEqual(['pack_low', 'pack_empty']);
    allocateCalls(db, label(id, 10_001, '2019-12-06')); // 19,999 of 100,000 left
    expect(kinds()).toEqual(['pack_low', 'pack_empty', 'pack_low']);
    expect(listNotifications(db, id).rows[0].body).toBe('图像标签的预付费资源包剩余 19,999 次，已低于总量 100,000 次的 20%，请及时购买。');
  });
});

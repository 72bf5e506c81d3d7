import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { lockAccountRows } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { accounts, packs } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { listNotifications } from '@/server/queries/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls, allocateLockedCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';

async function customer(db: Db): Promise<number> {
  const { id } = await createTestAccount(db);
  await activateAccount(db, id, at('2019-12-01 09:00'));
  await topUp(db, { accountId: id, amountFen: 1_000_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
  return id;
}

async function buy(db: Db, accountId: number, now: number, key: string): Promise<number> {
  const o = await createOrder(db, { accountId, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: key, now });
  await payOrder(db, { accountId, orderId: o.id, now });
  const [pack] = await db.select().from(packs).where(eq(packs.orderId, o.id));
  return pack.id;
}

const label = (accountId: number, count: number, iso: string) => ({ accountId, item: 'label' as const, count, at: at(iso) });

describe('allocateCalls deduction order', () => {
  it('free pack first, then the prepaid pack expiring first, then postpaid', async () => {
    const db = await openTestDb();
    const id = await customer(db);
    const bought = await buy(db, id, at('2019-12-02'), 'a');
    // A pack bought later but expiring earlier (e.g. from a promotion) is used first.
    const [{ id: early }] = await transaction(db, (tx) =>
      tx
        .insert(packs)
        .values({ accountId: id, item: 'label', kind: 'prepaid', sizeCalls: 50, validFrom: at('2019-12-03'), validUntil: at('2020-01-15'), createdAt: at('2019-12-03') })
        .returning(),
    );
    expect(await allocateCalls(db, label(id, 10_040, '2019-12-05'))).toEqual({ free: 10_000, pack: 40, charged: 0, packIds: [early] });
    expect(await allocateCalls(db, label(id, 20, '2019-12-06'))).toEqual({ free: 0, pack: 20, charged: 0, packIds: [early, bought] });
    expect(await allocateCalls(db, label(id, 99_990 + 5, '2019-12-07'))).toEqual({ free: 0, pack: 99_990, charged: 5, packIds: [bought] });
  });

  it('refuses an account that is not activated, writing nothing', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await expect(allocateCalls(db, label(id, 1, '2019-12-05'))).rejects.toThrowError(expect.objectContaining({ code: 'NotActivated' }));
    expect(await db.select().from(packs)).toEqual([]);
  });

  it('joins a caller transaction: a later failure there rolls the metering back', async () => {
    const db = await openTestDb();
    const id = await customer(db);
    await expect(
      transaction(db, async (tx) => {
        await allocateCalls(tx, label(id, 5, '2019-12-05'));
        throw new Error('engine failed after metering');
      }),
    ).rejects.toThrow('engine failed');
    const [pack] = await db.select().from(packs).where(and(eq(packs.accountId, id), eq(packs.item, 'label')));
    expect(pack.usedCalls).toBe(0);
  });
});

describe('prepaid pack notifications', () => {
  it('warn once below 20% per set of packs, re-arm on a new pack, and tell when they run out', async () => {
    const db = await openTestDb();
    const id = await customer(db);
    const kinds = async () => (await listNotifications(db, id)).rows.map((n) => n.kind).reverse();
    await buy(db, id, at('2019-12-02'), 'a');
    await allocateCalls(db, label(id, 10_000 + 80_000, '2019-12-03')); // 20,000 left: exactly 20%, not below
    expect(await kinds()).toEqual([]);
    await allocateCalls(db, label(id, 1, '2019-12-03')); // 19,999 < 20%
    await allocateCalls(db, label(id, 1, '2019-12-03'));
    expect(await kinds()).toEqual(['pack_low']);

    await buy(db, id, at('2019-12-04'), 'b'); // 119,998 of 200,000 left
    await allocateCalls(db, label(id, 19_998, '2019-12-05')); // the old pack runs out: 100,000 of 200,000 left
    expect(await kinds()).toEqual(['pack_low']);
    await allocateCalls(db, label(id, 80_000, '2019-12-05')); // 20,000 of the 100,000 still in use: exactly 20%
    expect(await kinds()).toEqual(['pack_low']);
    await allocateCalls(db, label(id, 1, '2019-12-05')); // 19,999: the new pack re-armed the warning
    expect(await kinds()).toEqual(['pack_low', 'pack_low']);
    await allocateCalls(db, label(id, 19_999 + 10, '2019-12-06'));
    await allocateCalls(db, label(id, 10, '2019-12-06'));
    expect(await kinds()).toEqual(['pack_low', 'pack_low', 'pack_empty']);
  });

  it('measure 20% against the packs still in use, not against packs already used up', async () => {
    const db = await openTestDb();
    const id = await customer(db);
    const kinds = async () => (await listNotifications(db, id)).rows.map((n) => n.kind).reverse();
    await buy(db, id, at('2019-12-02'), 'a');
    await allocateCalls(db, label(id, 10_000 + 80_001, '2019-12-03'));
    await allocateCalls(db, label(id, 19_999, '2019-12-03')); // the first pack runs out
    expect(await kinds()).toEqual(['pack_low', 'pack_empty']);
    await buy(db, id, at('2019-12-04'), 'b');
    // 50,000 of the new 100,000 left: half of what is in use, so no warning (against both
    // packs' 200,000 it would have looked like 25%, and 30,000 like 15%)
    await allocateCalls(db, label(id, 50_000, '2019-12-05'));
    await allocateCalls(db, label(id, 20_000, '2019-12-05'));
    expect(await kinds()).toEqual(['pack_low', 'pack_empty']);
    await allocateCalls(db, label(id, 10_001, '2019-12-06')); // 19,999 of 100,000 left
    expect(await kinds()).toEqual(['pack_low', 'pack_empty', 'pack_low']);
    expect((await listNotifications(db, id)).rows[0].body).toBe('图像标签的预付费资源包剩余 19,999 次，已低于总量 100,000 次的 20%，请及时购买。');
  });
});

describe('allocateLockedCalls (the API group commit)', () => {
  it('allocates in the caller’s transaction as allocateCalls does, and refuses to run outside one', async () => {
    const db = await openTestDb();
    const id = await customer(db);
    const pack = await buy(db, id, at('2019-12-02'), 'a');
    // The month's 10,000 free calls, then 100 from the prepaid pack.
    const allocation = await transaction(db, async (tx) => {
      const [account] = await lockAccountRows(tx, [id]);
      return allocateLockedCalls(tx, label(id, 10_100, '2019-12-05 10:00'), account);
    });
    expect(allocation).toEqual({ free: 10_000, pack: 100, charged: 0, packIds: [pack] });
    const [account] = await db.select().from(accounts).where(eq(accounts.id, id));
    await expect(allocateLockedCalls(db, label(id, 1, '2019-12-05 11:00'), account)).rejects.toThrow('needs the transaction');
    const [prepaid] = await db.select().from(packs).where(eq(packs.id, pack));
    expect(prepaid.usedCalls).toBe(100);
  });
});

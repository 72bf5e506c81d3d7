import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { topUp } from '@/server/ledger';
import { balanceAlertOf } from '@/server/queries/balance-alert';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { setBalanceAlert } from './balance-alert';
import { createOrder, payOrder } from './orders';

const DEC = at('2019-12-10 12:00');

/** Buys one 10万次 pack of 通用物体识别 (group A: ¥225.00). */
async function buyPack(db: Db, accountId: number, key: string, now: number): Promise<void> {
  const order = await createOrder(db, { accountId, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: key, now });
  await payOrder(db, { accountId, orderId: order.id, now: now + 1 });
}

const alerts = async (db: Db, accountId: number) =>
  (await db.select().from(notifications).where(eq(notifications.accountId, accountId))).filter((n) => n.kind === 'balance_low');

describe('余额预警', () => {
  it('is off by default: a payment far below any threshold raises nothing', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await topUp(db, { accountId: id, amountFen: 22_500, idempotencyKey: 't1', now: DEC });
    await buyPack(db, id, 'o1', DEC + 1_000); // available ¥0.00
    expect(await alerts(db, id)).toEqual([]);
    expect(await balanceAlertOf(db, id)).toEqual({ thresholdFen: null, sent: false });
  });

  it('tells once per dip below the threshold, and a top-up back above it re-arms', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await topUp(db, { accountId: id, amountFen: 100_000, idempotencyKey: 't1', now: DEC });
    await setBalanceAlert(db, { accountId: id, thresholdFen: 80_000 });

    await buyPack(db, id, 'o1', DEC + 1_000); // ¥1,000.00 − ¥225.00 = ¥775.00 < ¥800.00
    await buyPack(db, id, 'o2', DEC + 2_000); // ¥550.00: still the same dip
    const first = await alerts(db, id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ title: '余额不足预警', createdAt: DEC + 1_001 });
    expect(first[0].body).toContain('¥775.00');
    expect(first[0].body).toContain('¥800.00');

    await topUp(db, { accountId: id, amountFen: 25_000, idempotencyKey: 't2', now: DEC + 3_000 }); // ¥800.00: back at it
    expect(await balanceAlertOf(db, id)).toEqual({ thresholdFen: 80_000, sent: false });
    await buyPack(db, id, 'o3', DEC + 4_000); // ¥575.00: a new dip
    expect(await alerts(db, id)).toHaveLength(2);
  });

  it('turned off (null) stays quiet', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await topUp(db, { accountId: id, amountFen: 100_000, idempotencyKey: 't1', now: DEC });
    await setBalanceAlert(db, { accountId: id, thresholdFen: 80_000 });
    await setBalanceAlert(db, { accountId: id, thresholdFen: null });
    await buyPack(db, id, 'o1', DEC + 1_000);
    expect(await alerts(db, id)).toEqual([]);
  });
});

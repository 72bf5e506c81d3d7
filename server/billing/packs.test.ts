import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { topUp } from '@/server/ledger';
import { accountBalances, listLedger } from '@/server/queries/account';
import { listPacks } from '@/server/queries/packs';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';
import { packValidUntil, refundPack } from './packs';

const BOUGHT = at('2019-12-10 12:00');
const DAY = 24 * 60 * 60 * 1000;

/** An account that bought 3 × 10万次 图像鉴黄 packs (3 × ¥180) at BOUGHT, with ¥0 left. */
async function withThreePacks(db: Db) {
  const { id } = await createTestAccount(db);
  await activateAccount(db, id, BOUGHT);
  await topUp(db, { accountId: id, amountFen: 54_000, idempotencyKey: 'seed', now: BOUGHT });
  const o = await createOrder(db, { accountId: id, item: 'porn', sizeCode: '100k', quantity: 3, idempotencyKey: 'o', now: BOUGHT });
  await payOrder(db, { accountId: id, orderId: o.id, now: BOUGHT });
  const packIds = (await listPacks(db, id, BOUGHT)).filter((p) => p.kind === 'prepaid').map((p) => p.id).sort((a, b) => a - b);
  return { id, packIds };
}

describe('pack refund (unused, within 7 days of purchase)', () => {
  it('is allowed on day 6, refused on day 8, refused after one call, and idempotent', async () => {
    const db = await openTestDb();
    const { id, packIds: [a, b, c] } = await withThreePacks(db);

    expect((await refundPack(db, { accountId: id, packId: a, now: BOUGHT + 6 * DAY })).refundedAt).toBe(BOUGHT + 6 * DAY);
    expect((await accountBalances(db, id)).cashFen).toBe(18_000);
    await refundPack(db, { accountId: id, packId: a, now: BOUGHT + 6 * DAY + 1 });
    expect((await accountBalances(db, id)).cashFen).toBe(18_000);

    await expect(refundPack(db, { accountId: id, packId: b, now: BOUGHT + 8 * DAY })).rejects.toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));
    await expect(refundPack(db, { accountId: id, packId: b, now: BOUGHT + 7 * DAY })).rejects.toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));

    // 10,001 calls: the free pack takes 10,000, the earliest-bought pack (b, a is refunded) one.
    expect(await allocateCalls(db, { accountId: id, item: 'porn', count: 10_001, at: BOUGHT + DAY })).toMatchObject({ pack: 1, packIds: [b] });
    await expect(refundPack(db, { accountId: id, packId: b, now: BOUGHT + 2 * DAY })).rejects.toThrowError(
      expect.objectContaining({ code: 'RefundNotAllowed', message: '资源包已被使用，不支持退款' }),
    );
    expect((await listPacks(db, id, BOUGHT + 2 * DAY)).filter((p) => p.kind === 'prepaid').map((p) => [p.id, p.status, p.refundable])).toEqual(
      expect.arrayContaining([[a, 'refunded', false], [b, 'active', false], [c, 'active', true]]),
    );
    expect((await listLedger(db, id)).rows.filter((e) => e.type === 'pack_refund')).toHaveLength(1);
    expect((await accountBalances(db, id)).cashFen).toBe(18_000);
    await expectLedgerBalanced(db, id);
  });

  it('refunded twice at once: credited once', async () => {
    const db = await openTestDb();
    const { id, packIds: [a] } = await withThreePacks(db);
    await Promise.all([refundPack(db, { accountId: id, packId: a, now: BOUGHT + DAY }), refundPack(db, { accountId: id, packId: a, now: BOUGHT + DAY + 1 })]);
    expect((await accountBalances(db, id)).cashFen).toBe(18_000);
    await expectLedgerBalanced(db, id);
  });

  it('refuses free packs', async () => {
    const db = await openTestDb();
    const { id } = await withThreePacks(db);
    const free = (await listPacks(db, id, BOUGHT)).find((p) => p.kind === 'free')!;
    await expect(refundPack(db, { accountId: id, packId: free.id, now: BOUGHT })).rejects.toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));
    expect((await accountBalances(db, id)).cashFen).toBe(0);
  });
});

describe('pack validity', () => {
  it('runs one year to the same UTC+8 wall-clock time', () => {
    expect(packValidUntil(at('2019-12-10 12:00'))).toBe(at('2020-12-10 12:00'));
    expect(packValidUntil(at('2020-01-01 00:30'))).toBe(at('2021-01-01 00:30'));
    expect(packValidUntil(at('2020-02-29 08:00'))).toBe(at('2021-03-01 08:00'));
  });
});

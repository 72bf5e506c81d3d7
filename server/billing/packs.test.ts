import { describe, expect, it } from 'vitest';
import { openTestDb, type DB } from '@/db/client';
import { accountBalances, listLedger, topUp } from '@/server/ledger';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';
import { listPacks, packValidUntil, refundPack } from './packs';

const BOUGHT = at('2019-12-10 12:00');
const DAY = 24 * 60 * 60 * 1000;

/** An account that bought 3 × 10万次 图像鉴黄 packs (3 × ¥180) at BOUGHT, with ¥0 left. */
function withThreePacks(db: DB) {
  const { id } = createTestAccount(db);
  activateAccount(db, id, BOUGHT);
  topUp(db, { accountId: id, amountFen: 54_000, idempotencyKey: 'seed', now: BOUGHT });
  const o = createOrder(db, { accountId: id, item: 'porn', sizeCode: '100k', quantity: 3, idempotencyKey: 'o', now: BOUGHT });
  payOrder(db, { accountId: id, orderId: o.id, now: BOUGHT });
  return { id, packIds: listPacks(db, id, BOUGHT).filter((p) => p.kind === 'prepaid').map((p) => p.id).sort((a, b) => a - b) };
}

describe('pack refund (unused, within 7 days of purchase)', () => {
  it('is allowed on day 6, refused on day 8, refused after one call, and idempotent', () => {
    const db = openTestDb();
    const { id, packIds: [a, b, c] } = withThreePacks(db);

    expect(refundPack(db, { accountId: id, packId: a, now: BOUGHT + 6 * DAY }).refundedAt).toBe(BOUGHT + 6 * DAY);
    expect(accountBalances(db, id).cashFen).toBe(18_000);
    refundPack(db, { accountId: id, packId: a, now: BOUGHT + 6 * DAY + 1 });
    expect(accountBalances(db, id).cashFen).toBe(18_000);

    expect(() => refundPack(db, { accountId: id, packId: b, now: BOUGHT + 8 * DAY })).toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));
    expect(() => refundPack(db, { accountId: id, packId: b, now: BOUGHT + 7 * DAY })).toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));

    // 10,001 calls: the free pack takes 10,000, the earliest-bought pack (b, a is refunded) one.
    expect(allocateCalls(db, { accountId: id, item: 'porn', count: 10_001, at: BOUGHT + DAY })).toMatchObject({ pack: 1, packIds: [b] });
    expect(() => refundPack(db, { accountId: id, packId: b, now: BOUGHT + 2 * DAY })).toThrowError(
      expect.objectContaining({ code: 'RefundNotAllowed', message: '资源包已被使用，不支持退款' }),
    );
    expect(listPacks(db, id, BOUGHT + 2 * DAY).filter((p) => p.kind === 'prepaid').map((p) => [p.id, p.status, p.refundable])).toEqual(
      expect.arrayContaining([[a, 'refunded', false], [b, 'active', false], [c, 'active', true]]),
    );
    expect(listLedger(db, id).rows.filter((e) => e.type === 'pack_refund')).toHaveLength(1);
    expectLedgerBalanced(db, id);
  });

  it('refuses free packs', () => {
    const db = openTestDb();
    const { id } = withThreePacks(db);
    const free = listPacks(db, id, BOUGHT).find((p) => p.kind === 'free')!;
    expect(() => refundPack(db, { accountId: id, packId: free.id, now: BOUGHT })).toThrowError(expect.objectContaining({ code: 'RefundNotAllowed' }));
  });
});

describe('pack validity', () => {
  it('runs one year to the same UTC+8 wall-clock time', () => {
    expect(packValidUntil(at('2019-12-10 12:00'))).toBe(at('2020-12-10 12:00'));
    expect(packValidUntil(at('2020-01-01 00:30'))).toBe(at('2021-01-01 00:30'));
    expect(packValidUntil(at('2020-02-29 08:00'))).toBe(at('2021-03-01 08:00'));
  });
});

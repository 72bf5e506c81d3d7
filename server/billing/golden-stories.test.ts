// Whole customer stories: move through the months, meter calls, read bills and balances.
// Amounts are worked out by hand in the comments from SPEC §1 and §4.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { ledgerEntries, usageDaily, usageMonthly } from '@/db/schema';
import { checkLedger, topUp } from '@/server/ledger';
import { accountBalances, listLedger } from '@/server/queries/account';
import { listNotifications } from '@/server/queries/notifications';
import { listPacks } from '@/server/queries/packs';
import { expectBillsExplained } from '@/server/testing/expect-explained';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { startClock, travelTo } from '@/server/testing/time-travel';
import { activateAccount } from './activation';
import { allocateCalls, canMeter } from './allocate-calls';
import { billDueAt } from './bill-run';
import { BillingError } from './errors';
import { createOrder, payOrder } from './orders';

async function buyPack(db: Db, accountId: number, item: string, sizeCode: string, now: number, quantity = 1) {
  const order = await createOrder(db, { accountId, item, sizeCode, quantity, idempotencyKey: `${item}-${sizeCode}-${now}`, now });
  return payOrder(db, { accountId, orderId: order.id, now });
}

async function notificationKinds(db: Db, accountId: number): Promise<string[]> {
  return (await listNotifications(db, accountId, { pageSize: 100 })).rows.map((n) => n.kind).reverse();
}

async function ledgerTypes(db: Db, accountId: number): Promise<string[]> {
  return (await listLedger(db, accountId, { pageSize: 100 })).rows.map((e) => `${e.type} ${e.cashDeltaFen}/${e.frozenDeltaFen}`).reverse();
}

describe('story: top-up → buy a pack → bill → freeze → next month release', () => {
  it('moves every fen as the ledger says', async () => {
    const db = await openTestDb();
    await startClock(db, at('2019-12-02 09:00'));
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-02 09:00'));
    await topUp(db, { accountId: id, amountFen: 100_000, idempotencyKey: 't1', now: at('2019-12-02 09:00') }); // ¥1,000
    await buyPack(db, id, 'celebrity', '100k', at('2019-12-02 09:05')); // group B 10万次 = ¥180
    expect((await accountBalances(db, id)).cashFen).toBe(82_000);

    // December: 150,000 公众人物识别 calls = 10,000 free + 100,000 pack + 40,000 charged.
    expect(await allocateCalls(db, { accountId: id, item: 'celebrity', count: 10_000, at: at('2019-12-03') })).toMatchObject({ free: 10_000, pack: 0, charged: 0 });
    expect(await allocateCalls(db, { accountId: id, item: 'celebrity', count: 85_000, at: at('2019-12-04') })).toMatchObject({ free: 0, pack: 85_000, charged: 0 });
    expect(await notificationKinds(db, id)).toEqual(['pack_low']); // 15,000 left < 20% of 100,000
    expect(await allocateCalls(db, { accountId: id, item: 'celebrity', count: 55_000, at: at('2019-12-05') })).toMatchObject({ free: 0, pack: 15_000, charged: 40_000 });
    expect(await notificationKinds(db, id)).toEqual(['pack_low', 'pack_empty']);

    // Dec bill: total 150,000 → tier 1, ¥2/1000; 40,000 × ¥0.002 = ¥80.00. Cash 82,000 − 8,000 = 74,000;
    // the whole ¥80.00 estimate for January is frozen.
    expect(await travelTo(db, billDueAt('2019-12'))).toContain('bill-run 2019-12');
    const dec = (await billFor(db, id, '2019-12'))!;
    expect(dec.lines).toEqual([expect.objectContaining({ item: 'celebrity', totalCalls: 150_000, freeCalls: 10_000, packCalls: 100_000, chargedCalls: 40_000, tier: 1, unitPrice: '2', amount: '80' })]);
    expect(dec.bill).toMatchObject({ payableFen: 8_000, releasedFen: 0, frozenFen: 8_000 });
    expect(await accountBalances(db, id)).toMatchObject({ cashFen: 74_000, frozenFen: 8_000, availableFen: 66_000 });

    // January: 20,000 calls = 10,000 from January's free pack + 10,000 × ¥0.002 = ¥20.00.
    await allocateCalls(db, { accountId: id, item: 'celebrity', count: 20_000, at: at('2020-01-10') });
    expect(await travelTo(db, billDueAt('2020-01'))).toContain('bill-run 2020-01');
    const jan = (await billFor(db, id, '2020-01'))!;
    expect(jan.bill).toMatchObject({ payableFen: 2_000, releasedFen: 8_000, frozenFen: 2_000 });
    expect(await accountBalances(db, id)).toMatchObject({ cashFen: 72_000, frozenFen: 2_000, availableFen: 70_000 });

    // February: no calls, but January's freeze must be released, so a ¥0 bill is issued.
    await travelTo(db, billDueAt('2020-02'));
    expect((await billFor(db, id, '2020-02'))!.bill).toMatchObject({ payableFen: 0, releasedFen: 2_000, frozenFen: 0 });
    // March: no calls and nothing frozen: no bill.
    expect(await travelTo(db, billDueAt('2020-03'))).toContain('bill-run 2020-03');
    expect(await billFor(db, id, '2020-03')).toBeUndefined();

    expect(await ledgerTypes(db, id)).toEqual([
      'topup 100000/0',
      'pack_purchase -18000/0',
      'bill_payment -8000/0',
      'freeze 0/8000',
      'unfreeze 0/-8000',
      'bill_payment -2000/0',
      'freeze 0/2000',
      'unfreeze 0/-2000',
    ]);
    const unfreezeDec = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, id), eq(ledgerEntries.type, 'unfreeze')));
    expect(unfreezeDec.map((e) => e.ref)).toEqual([String(dec.bill.id), String(jan.bill.id)]);
    expect(await accountBalances(db, id)).toEqual({ cashFen: 72_000, frozenFen: 0, availableFen: 72_000, inArrears: false });
    expect(await notificationKinds(db, id)).toEqual(['pack_low', 'pack_empty', 'bill_issued', 'bill_issued', 'bill_issued']);
    await expectLedgerBalanced(db, id);
    // 账单解读: every bill of the story explains itself to the fen.
    await expectBillsExplained(db, id);
  });
});

describe('story: a 100万 pack covering part of a tier-2 month', () => {
  it('counts pack calls toward the tier but charges only what the pack left', async () => {
    const db = await openTestDb();
    await startClock(db, at('2019-12-01 08:00'));
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 08:00'));
    await topUp(db, { accountId: id, amountFen: 1_000_000, idempotencyKey: 't1', now: at('2019-12-01 08:00') }); // ¥10,000
    await buyPack(db, id, 'label', '1m', at('2019-12-01 08:10')); // group A 100万次 = ¥2,000

    // 2,500,000 calls: 10,000 free + 1,000,000 pack + 1,490,000 charged. The total picks
    // tier 2 (¥2.2/1000): 1,490,000 × ¥0.0022 = ¥3,278.00.
    expect(await allocateCalls(db, { accountId: id, item: 'label', count: 2_500_000, at: at('2019-12-20') })).toMatchObject({ free: 10_000, pack: 1_000_000, charged: 1_490_000 });
    expect(await travelTo(db, billDueAt('2019-12'))).toContain('bill-run 2019-12');
    const bill = (await billFor(db, id, '2019-12'))!;
    expect(bill.lines).toEqual([expect.objectContaining({ totalCalls: 2_500_000, freeCalls: 10_000, packCalls: 1_000_000, chargedCalls: 1_490_000, tier: 2, unitPrice: '2.2', amount: '3278' })]);
    expect(bill.bill).toMatchObject({ subtotal: '3278', precisionAdjustment: '0', payableFen: 327_800, frozenFen: 327_800 });
    // 1,000,000 − 200,000 − 327,800 = 472,200 cash; 327,800 frozen.
    expect(await accountBalances(db, id)).toEqual({ cashFen: 472_200, frozenFen: 327_800, availableFen: 144_400, inArrears: false });
    await expectLedgerBalanced(db, id);
    // 账单解读: every bill of the story explains itself to the fen.
    await expectBillsExplained(db, id);
  });
});

describe('story: arrears, and its end by top-up', () => {
  it('refuses postpaid calls while in arrears, keeps free and pack calls working', async () => {
    const db = await openTestDb();
    await startClock(db, at('2019-12-01 08:00'));
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 08:00'));
    await topUp(db, { accountId: id, amountFen: 22_500, idempotencyKey: 't1', now: at('2019-12-01 08:00') });
    await buyPack(db, id, 'label', '100k', at('2019-12-01 08:10')); // ¥225: cash back to 0

    // December: 20,000 图像鉴黄 calls, 10,000 charged × ¥0.002 = ¥20.00 with no money → arrears.
    await allocateCalls(db, { accountId: id, item: 'porn', count: 20_000, at: at('2019-12-10') });
    expect(await travelTo(db, billDueAt('2019-12'))).toContain('bill-run 2019-12');
    expect((await billFor(db, id, '2019-12'))!.bill).toMatchObject({ payableFen: 2_000, frozenFen: 0 });
    expect(await accountBalances(db, id)).toEqual({ cashFen: -2_000, frozenFen: 0, availableFen: -2_000, inArrears: true });
    expect(await notificationKinds(db, id)).toEqual(['bill_issued', 'arrears']);

    // January, in arrears: free and prepaid calls work, postpaid ones are refused untouched.
    const jan = at('2020-01-02');
    const porn = { accountId: id, item: 'porn' as const, at: jan };
    expect(await allocateCalls(db, { ...porn, count: 10_000 })).toMatchObject({ free: 10_000, charged: 0 });
    expect(await canMeter(db, { ...porn, count: 1 })).toBe(false);
    await expect(allocateCalls(db, { ...porn, count: 1 })).rejects.toThrowError(expect.objectContaining({ code: 'InArrears' }));
    expect(await allocateCalls(db, { accountId: id, item: 'label', count: 10_005, at: jan })).toMatchObject({ free: 10_000, pack: 5, charged: 0 });
    // A request that would be partly postpaid is refused as a whole.
    await expect(allocateCalls(db, { accountId: id, item: 'label', count: 99_996, at: jan })).rejects.toThrowError(
      expect.toSatisfy((e) => e instanceof BillingError && e.code === 'InArrears'),
    );
    // 图像清晰度增强 is never charged, so arrears does not stop it.
    expect(await allocateCalls(db, { accountId: id, item: 'enhance', count: 3, at: jan })).toMatchObject({ charged: 3 });
    const january = await db.select().from(usageMonthly).where(and(eq(usageMonthly.accountId, id), eq(usageMonthly.month, '2020-01')));
    expect(january.map((u) => [u.item, u.totalCalls, u.freeCalls, u.packCalls, u.chargedCalls]).sort()).toEqual([
      ['enhance', 3, 0, 0, 3],
      ['label', 10_005, 10_000, 5, 0],
      ['porn', 10_000, 10_000, 0, 0],
    ]);
    // Activation is refused while in arrears (FailedOperation.BalanceInsufficient).
    await expect(activateAccount(db, id, jan)).rejects.toThrowError(expect.objectContaining({ code: 'BalanceInsufficient' }));

    // ¥10 is not enough (cash −1,000); another ¥10 brings cash to +1,000 and ends arrears at once.
    await topUp(db, { accountId: id, amountFen: 1_000, idempotencyKey: 't2', now: at('2020-01-03') });
    expect((await accountBalances(db, id)).inArrears).toBe(true);
    await topUp(db, { accountId: id, amountFen: 2_000, idempotencyKey: 't3', now: at('2020-01-03') });
    expect(await accountBalances(db, id)).toEqual({ cashFen: 1_000, frozenFen: 0, availableFen: 1_000, inArrears: false });
    expect(await notificationKinds(db, id)).toEqual(['bill_issued', 'arrears', 'arrears_cleared']);
    expect(await allocateCalls(db, { ...porn, count: 1, at: at('2020-01-03') })).toMatchObject({ charged: 1 });
    await expectLedgerBalanced(db, id);
    // 账单解读: every bill of the story explains itself to the fen.
    await expectBillsExplained(db, id);
  });
});

describe('story: the billing month is the UTC+8 calendar month', () => {
  it('counts a call at 2019-11-30T16:30:00Z in December 2019 (00:30 on 1 Dec in UTC+8)', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-11-20 10:00'));
    // No free-packs job has run yet: December's free pack is granted on first use.
    expect(await allocateCalls(db, { accountId: id, item: 'label', count: 1, at: at('2019-11-30T15:59:59.999Z') })).toMatchObject({ free: 0, charged: 1 });
    expect(await allocateCalls(db, { accountId: id, item: 'label', count: 1, at: at('2019-11-30T16:30:00Z') })).toMatchObject({ free: 1, charged: 0 });

    const monthly = await db.select().from(usageMonthly).where(eq(usageMonthly.accountId, id));
    expect(monthly.map((u) => [u.month, u.totalCalls, u.freeCalls, u.chargedCalls])).toEqual([
      ['2019-11', 1, 0, 1],
      ['2019-12', 1, 1, 0],
    ]);
    const daily = await db.select().from(usageDaily).where(eq(usageDaily.accountId, id));
    expect(daily.map((u) => [u.day, u.totalCalls])).toEqual([
      ['2019-11-30', 1],
      ['2019-12-01', 1],
    ]);
    expect((await listPacks(db, id, at('2019-12-01 01:00'))).find((p) => p.item === 'label')).toMatchObject({ kind: 'free', month: '2019-12', usedCalls: 1 });
    expect((await checkLedger(db, id)).entries).toBe(0);
    expect(await expectBillsExplained(db, id)).toBe(0);
  });
});

describe('story: pack expiry', () => {
  it('sends calls after validUntil to postpaid', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-05 09:00'));
    await topUp(db, { accountId: id, amountFen: 27_000, idempotencyKey: 't1', now: at('2019-12-05 09:00') });
    await buyPack(db, id, 'car', '100k', at('2019-12-05 10:00')); // valid until 2020-12-05 10:00 UTC+8
    const [pack] = (await listPacks(db, id, at('2019-12-05 10:00'))).filter((p) => p.kind === 'prepaid');
    expect(pack.validUntil).toBe(at('2020-12-05 10:00'));

    const car = { accountId: id, item: 'car' as const };
    expect(await allocateCalls(db, { ...car, count: 10_001, at: at('2020-12-05 09:59:59') })).toMatchObject({ free: 10_000, pack: 1, charged: 0 });
    expect(await allocateCalls(db, { ...car, count: 1, at: at('2020-12-05 10:00') })).toMatchObject({ free: 0, pack: 0, charged: 1 });
    expect((await listPacks(db, id, at('2020-12-05 10:00'))).find((p) => p.id === pack.id)).toMatchObject({ status: 'expired', usedCalls: 1, remainingCalls: 99_999 });
    await expectLedgerBalanced(db, id);
    // 账单解读: every bill of the story explains itself to the fen.
    await expectBillsExplained(db, id);
  });
});

import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { activateAccount, allocateCalls } from '@/server/billing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { usageByDay, usageMonths, usageReport } from './usage';

async function activatedAccount() {
  const db = await openTestDb();
  const account = await createTestAccount(db);
  await activateAccount(db, account.id, at('2019-12-02 09:00'));
  return { db, id: account.id };
}

describe('用量统计 report', () => {
  it('用量统计 lists one row per item per UTC+8 day of the month', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01'));
    await allocateCalls(db, { accountId: id, item: 'car', count: 2, at: at('2019-12-31 23:59') });
    await allocateCalls(db, { accountId: id, item: 'car', count: 3, at: at('2019-12-31T16:00:00Z') }); // 2020-01-01 00:00 UTC+8
    await allocateCalls(db, { accountId: id, item: 'crop', count: 1, at: at('2019-12-31 08:00') });
    expect((await usageByDay(db, id, '2019-12')).map((u) => [u.day, u.item, u.totalCalls])).toEqual([
      ['2019-12-31', 'car', 2],
      ['2019-12-31', 'crop', 1],
    ]);
    expect((await usageByDay(db, id, '2020-01')).map((u) => [u.day, u.item, u.totalCalls])).toEqual([['2020-01-01', 'car', 3]]);
  });

  it('splits 10,002 calls of one day into 10,000 free and 2 charged, and totals the month', async () => {
    const { db, id } = await activatedAccount();
    await allocateCalls(db, { accountId: id, item: 'label', count: 10_002, at: at('2019-12-03 10:00') });
    await allocateCalls(db, { accountId: id, item: 'porn', count: 5, at: at('2019-12-03 11:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 3, at: at('2019-12-04 10:00') });

    const report = await usageReport(db, id, '2019-12');
    expect(report.rows).toEqual([
      { day: '2019-12-03', item: 'label', totalCalls: 10_002, freeCalls: 10_000, packCalls: 0, chargedCalls: 2 },
      { day: '2019-12-03', item: 'porn', totalCalls: 5, freeCalls: 5, packCalls: 0, chargedCalls: 0 },
      { day: '2019-12-04', item: 'label', totalCalls: 3, freeCalls: 0, packCalls: 0, chargedCalls: 3 },
    ]);
    expect(report.totals).toEqual({ totalCalls: 10_010, freeCalls: 10_005, packCalls: 0, chargedCalls: 5 });
    expect(report.beta).toBe(false);
  });

  it('lists the items of a day in price-table order', async () => {
    const { db, id } = await activatedAccount();
    for (const item of ['quality', 'car', 'label'] as const) await allocateCalls(db, { accountId: id, item, count: 1, at: at('2019-12-03 10:00') });
    expect((await usageReport(db, id, '2019-12')).rows.map((r) => r.item)).toEqual(['label', 'car', 'quality']);
  });

  it('keeps only the chosen item, totals included', async () => {
    const { db, id } = await activatedAccount();
    await allocateCalls(db, { accountId: id, item: 'label', count: 7, at: at('2019-12-03 10:00') });
    await allocateCalls(db, { accountId: id, item: 'porn', count: 5, at: at('2019-12-03 11:00') });
    const report = await usageReport(db, id, '2019-12', 'porn');
    expect(report.rows.map((r) => r.item)).toEqual(['porn']);
    expect(report.totals.totalCalls).toBe(5);
  });

  it("never shows another account's usage", async () => {
    const { db, id } = await activatedAccount();
    const other = await createTestAccount(db);
    await activateAccount(db, other.id, at('2019-12-02 09:00'));
    await allocateCalls(db, { accountId: other.id, item: 'label', count: 9, at: at('2019-12-03 10:00') });
    expect((await usageReport(db, id, '2019-12')).rows).toEqual([]);
    expect(await usageMonths(db, id)).toEqual([]);
  });

  it('lists the months with usage newest first, a beta month marked as such', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-11-20 09:00'));
    await allocateCalls(db, { accountId: id, item: 'label', count: 1, at: at('2019-11-30 23:59') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 1, at: at('2020-02-01 00:00') });
    expect(await usageMonths(db, id)).toEqual(['2020-02', '2019-11']);
    expect((await usageReport(db, id, '2019-11')).beta).toBe(true);
  });
});

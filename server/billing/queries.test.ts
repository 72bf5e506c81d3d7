import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { topUp } from '@/server/ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { billDueAt, billRun } from './bill-run';
import { getBill, listBills, monthEstimate } from './bills';
import { usageByDay } from './usage';

describe('console queries', () => {
  it('本月预估 rates the running month like a bill', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01'));
    await allocateCalls(db, { accountId: id, item: 'quality', count: 10_003, at: at('2019-12-02') });
    await allocateCalls(db, { accountId: id, item: 'product', count: 10_001, at: at('2019-12-03') });
    // 3 × ¥0.003 + 1 × ¥0.0025 = ¥0.0115 → ¥0.01
    expect(await monthEstimate(db, id, at('2019-12-20'))).toMatchObject({
      month: '2019-12',
      subtotal: '0.0115',
      payable: '0.01',
      payableFen: 1,
      precisionAdjustment: '-0.0015',
      lines: [expect.objectContaining({ item: 'product', chargedCalls: 1 }), expect.objectContaining({ item: 'quality', chargedCalls: 3 })],
    });
    expect(await monthEstimate(db, id, at('2020-01-01'))).toMatchObject({ month: '2020-01', lines: [], payableFen: 0 });
  });

  it('bills list newest first, with lines in catalog order; another account’s bill is not found', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const other = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01'));
    await topUp(db, { accountId: id, amountFen: 100_000, idempotencyKey: 'k', now: at('2019-12-01') });
    await allocateCalls(db, { accountId: id, item: 'quality', count: 20_000, at: at('2019-12-02') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 20_000, at: at('2019-12-02') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 1, at: at('2020-01-02') });
    await billRun(db, '2019-12', billDueAt('2019-12'));
    await billRun(db, '2020-01', billDueAt('2020-01'));

    expect((await listBills(db, id)).map((b) => b.month)).toEqual(['2020-01', '2019-12']);
    expect((await billFor(db, id, '2019-12'))!.lines.map((l) => l.item)).toEqual(['label', 'quality']);
    const decId = (await billFor(db, id, '2019-12'))!.bill.id;
    await expect(getBill(db, other.id, decId)).rejects.toThrowError(expect.objectContaining({ code: 'NotFound' }));
  });

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
});

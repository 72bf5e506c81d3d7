import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { advisePacks } from '@/lib/pricing';
import { activateAccount, allocateCalls } from '@/server/billing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { packAdvice } from './pack-advice';

describe('资源包推荐 read model', () => {
  it('averages the last 3 complete months per item (half up) and advises from the current month', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01'));
    await allocateCalls(db, { accountId: id, item: 'label', count: 999_999, at: at('2019-12-20 10:00') }); // before the 3 months: ignored
    await allocateCalls(db, { accountId: id, item: 'label', count: 1_200_000, at: at('2020-01-10 10:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 1_200_000, at: at('2020-02-10 10:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 1_200_002, at: at('2020-03-10 10:00') });
    await allocateCalls(db, { accountId: id, item: 'car', count: 1, at: at('2020-03-31 23:59') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 7, at: at('2020-04-02 10:00') }); // the current month: ignored

    const report = await packAdvice(db, id, at('2020-04-05 12:00'));
    expect(report).toMatchObject({ startMonth: '2020-04', beta: false });
    const label = report.items.find((a) => a.item === 'label')!;
    // (1,200,000 + 1,200,000 + 1,200,002) / 3 = 1,200,000.67 → 1,200,001
    expect(label.history).toEqual([
      { month: '2020-01', calls: 1_200_000 },
      { month: '2020-02', calls: 1_200_000 },
      { month: '2020-03', calls: 1_200_002 },
    ]);
    expect(label).toEqual({ ...advisePacks({ item: 'label', monthlyCalls: 1_200_001, startMonth: '2020-04' }), source: 'history', history: label.history });
    // 1 call in 3 months: 0.33 → 0, postpaid ¥0.00, nothing to buy.
    expect(report.items.find((a) => a.item === 'car')).toMatchObject({ monthlyCalls: 0, postpaidFen: 0, savingFen: 0, plan: { packs: [] } });
    expect(report.items.map((a) => a.item)).not.toContain('enhance');
  });

  it('uses the typed volume for that item only, and advises nothing in the public beta', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const report = await packAdvice(db, id, at('2020-04-05 12:00'), { item: 'quality', monthlyCalls: 5_000_000 });
    expect(report.items.find((a) => a.item === 'quality')).toMatchObject({ source: 'typed', monthlyCalls: 5_000_000 });
    expect(report.items.find((a) => a.item === 'label')).toMatchObject({ source: 'history', monthlyCalls: 0 });
    expect(await packAdvice(db, id, at('2019-11-30 12:00'))).toEqual({ startMonth: '2019-11', beta: true, items: [] });
  });
});

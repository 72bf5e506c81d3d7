import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { activateAccount, allocateCalls } from '@/server/billing';
import { topUp } from '@/server/ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { accountBalances } from './account';
import { daysLeftReport } from './days-left';

describe('预计可用天数 read model', () => {
  it('prices today and the 6 days before at the tier each month reached, across a month boundary', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2020-02-01'));
    await topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 't1', now: at('2020-02-01 10:00') });
    // February reaches 1,200,000 label calls: tier 2, ¥2.2/千次. The 1,189,000 charged on
    // the 20th are before the window; the 1,000 on the 29th are in it.
    await allocateCalls(db, { accountId: id, item: 'label', count: 1_199_000, at: at('2020-02-20 10:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 1_000, at: at('2020-02-29 23:00') });
    // March: 10,000 car calls free, 400 charged at tier 1, ¥3/千次.
    await allocateCalls(db, { accountId: id, item: 'car', count: 10_400, at: at('2020-03-03 09:00') });
    await allocateCalls(db, { accountId: id, item: 'car', count: 5, at: at('2020-03-05 08:00') });

    const report = await daysLeftReport(db, id, at('2020-03-05 12:00'), await accountBalances(db, id));
    // label 1,000 × ¥0.0022 = ¥2.2; car 405 × ¥0.003 = ¥1.215; ¥3.415 in 7 days.
    expect(report).toEqual({
      fromDay: '2020-02-28',
      toDay: '2020-03-05',
      windowSpendYuan: '3.415',
      // ⌊¥100.00 × 7 ÷ ¥3.415⌋ = ⌊204.97…⌋
      daysLeft: { status: 'days', days: 204 },
    });
    // A week later only March's car calls are left in the window: ⌊700 ÷ 1.215⌋ = 576.
    expect((await daysLeftReport(db, id, at('2020-03-09 00:00'), await accountBalances(db, id))).daysLeft).toEqual({ status: 'days', days: 576 });
  });

  it('free-pack calls are no spend; arrears is reported as such', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2020-03-01'));
    await allocateCalls(db, { accountId: id, item: 'label', count: 10_000, at: at('2020-03-03 09:00') });
    const now = at('2020-03-05 12:00');
    expect(await daysLeftReport(db, id, now, await accountBalances(db, id))).toEqual({
      fromDay: '2020-02-28',
      toDay: '2020-03-05',
      windowSpendYuan: '0',
      daysLeft: { status: 'no-spend' },
    });
    expect((await daysLeftReport(db, id, now, { availableFen: -100, inArrears: true })).daysLeft).toEqual({ status: 'arrears' });
  });
});

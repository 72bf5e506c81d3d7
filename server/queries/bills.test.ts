import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { activateAccount, allocateCalls, billDueAt, billRun } from '@/server/billing';
import { topUp } from '@/server/ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { billStandings, getBill, listBills, monthEstimate } from './bills';

describe('账单 and 本月预估', () => {
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
});

describe('billStandings: a bill is 欠费 while the debt its deduction made is not paid back', () => {
  it('follows top-ups and later bills', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const standings = async () => Object.fromEntries((await billStandings(db, id, await listBills(db, id))).map((b) => [b.month, b.standing]));
    await activateAccount(db, id, at('2019-12-01 08:00'));

    // December: 20,000 图像鉴黄 calls, 10,000 charged × ¥0.002 = ¥20.00 with no money: cash −¥20.00.
    await allocateCalls(db, { accountId: id, item: 'porn', count: 20_000, at: at('2019-12-10') });
    await billRun(db, '2019-12', billDueAt('2019-12'));
    expect(await standings()).toEqual({ '2019-12': 'arrears' });

    await topUp(db, { accountId: id, amountFen: 1_000, idempotencyKey: 't1', now: at('2020-01-02') }); // cash −¥10.00
    expect(await standings()).toEqual({ '2019-12': 'arrears' });
    await topUp(db, { accountId: id, amountFen: 2_000, idempotencyKey: 't2', now: at('2020-01-02') }); // cash +¥10.00
    expect(await standings()).toEqual({ '2019-12': 'settled' });

    // January: 10,000 free + 10,000 charged = ¥20.00 against ¥10.00 of cash: only January is unpaid.
    await allocateCalls(db, { accountId: id, item: 'porn', count: 20_000, at: at('2020-01-03') });
    await billRun(db, '2020-01', billDueAt('2020-01'));
    expect(await standings()).toEqual({ '2020-01': 'arrears', '2019-12': 'settled' });
  });

  it('a bill paid from cash, and a ¥0 bill, are 已结清', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 08:00'));
    await topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 't1', now: at('2019-12-01 08:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 10_002, at: at('2019-12-10') });
    await billRun(db, '2019-12', billDueAt('2019-12'));
    await billRun(db, '2020-01', billDueAt('2020-01')); // releases December's ¥0.01 freeze: a ¥0 bill
    const standings = await billStandings(db, id, await listBills(db, id));
    expect(Object.fromEntries(standings.map((b) => [b.month, [b.payableFen, b.standing]]))).toEqual({
      '2019-12': [1, 'settled'],
      '2020-01': [0, 'settled'],
    });
  });
});

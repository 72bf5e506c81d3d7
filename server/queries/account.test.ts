import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { activateAccount } from '@/server/billing';
import { topUp } from '@/server/ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { accountBalances, accountSummary, allLedgerEntries, listLedger } from './account';

describe('an account as the console reads it', () => {
  it('summary follows activation and top-ups; an unknown account is 账户不存在', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    expect(await accountSummary(db, id)).toEqual({ cashFen: 0, frozenFen: 0, availableFen: 0, inArrears: false, activatedAt: null, qpsLimit: null });
    await activateAccount(db, id, at('2019-12-02 09:00'));
    await topUp(db, { accountId: id, amountFen: 1_050, idempotencyKey: 't1', now: at('2019-12-02 10:00') });
    expect(await accountSummary(db, id)).toMatchObject({ activatedAt: at('2019-12-02 09:00'), cashFen: 1_050, availableFen: 1_050 });
    expect(await accountBalances(db, id)).toEqual({ cashFen: 1_050, frozenFen: 0, availableFen: 1_050, inArrears: false });
    await expect(accountSummary(db, id + 1_000)).rejects.toThrow('账户不存在');
  });

  it('收支明细 pages 20 at a time, newest first; the export holds every entry of the account only', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const other = await createTestAccount(db);
    for (let i = 1; i <= 25; i++) await topUp(db, { accountId: id, amountFen: i, idempotencyKey: `t${i}`, now: at('2019-12-02 10:00') + i });
    await topUp(db, { accountId: other.id, amountFen: 99, idempotencyKey: 'o1', now: at('2019-12-02 10:00') });

    const first = await listLedger(db, id);
    expect([first.total, first.rows.length, first.rows[0].cashDeltaFen, first.rows[19].cashDeltaFen]).toEqual([25, 20, 25, 6]);
    expect((await listLedger(db, id, { page: 2 })).rows.map((e) => e.cashDeltaFen)).toEqual([5, 4, 3, 2, 1]);
    const all = await allLedgerEntries(db, id);
    expect(all.map((e) => e.cashDeltaFen)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(all.at(0)!.cashAfterFen).toBe(325); // 1 + 2 + … + 25
  });
});

import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { bills, ledgerEntries } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { accountBalances } from '@/server/queries/account';
import { crashOnNotification, isSimulatedCrash } from '@/server/testing/crash-trigger';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { billDueAt, billRun, earliestActivityMonth, lastBillableMonth } from './bill-run';

/** Five funded accounts, each with 20,000 label calls in December 2019 (¥25.00 payable each). */
async function fiveCustomers(db: Db): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 09:00'));
    await topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 20_000, at: at('2019-12-15') });
    ids.push(id);
  }
  return ids;
}

async function countOf(db: Db, accountId: number) {
  const [{ n: billCount }] = await db.select({ n: count() }).from(bills).where(eq(bills.accountId, accountId));
  const [{ n: entries }] = await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
  return { bills: billCount, entries };
}

describe('bill run', () => {
  it('is due from 01:00 UTC+8 on the 1st of the next month', () => {
    expect(billDueAt('2019-12')).toBe(at('2020-01-01 01:00'));
    expect(lastBillableMonth(at('2020-01-01 00:59:59.999'))).toBe('2019-11');
    expect(lastBillableMonth(at('2020-01-01 01:00'))).toBe('2019-12');
  });

  it('run twice issues one bill and one deduction per account', async () => {
    const db = await openTestDb();
    const ids = await fiveCustomers(db);
    expect(await billRun(db, '2019-12', billDueAt('2019-12'))).toEqual({ month: '2019-12', accounts: 5, issued: 5, existing: 0, payableFen: 12_500 });
    expect(await billRun(db, '2019-12', billDueAt('2019-12') + 60_000)).toEqual({ month: '2019-12', accounts: 5, issued: 0, existing: 5, payableFen: 0 });
    for (const id of ids) {
      // 10,000 charged × ¥0.0025 = ¥25.00: 10,000 − 2,500 = 7,500 cash, 2,500 frozen.
      expect(await accountBalances(db, id)).toMatchObject({ cashFen: 7_500, frozenFen: 2_500 });
      expect(await countOf(db, id)).toEqual({ bills: 1, entries: 3 }); // top-up, payment, freeze
    }
    await expectLedgerBalanced(db, ...ids);
  });

  it('killed half-way, then rerun: one bill and one deduction per account', async () => {
    const db = await openTestDb();
    const ids = await fiveCustomers(db);
    // Two accounts per transaction, one transaction at a time: [0, 1], [2, 3], [4]. The
    // third account's settlement dies at its chunk's last writes (the bill_issued notices),
    // after the chunk's bills and ledger entries were written in the same transaction: the
    // whole chunk is undone, and the run stops there.
    const repair = await crashOnNotification(db, ids[2]);
    await expect(billRun(db, '2019-12', billDueAt('2019-12'), { accountsPerTransaction: 2, transactionsAtOnce: 1 })).rejects.toSatisfy(isSimulatedCrash);
    expect(await Promise.all(ids.map(async (id) => (await countOf(db, id)).bills))).toEqual([1, 1, 0, 0, 0]);
    expect(await accountBalances(db, ids[2])).toMatchObject({ cashFen: 10_000, frozenFen: 0 });
    expect(await accountBalances(db, ids[3])).toMatchObject({ cashFen: 10_000, frozenFen: 0 });
    await expectLedgerBalanced(db, ...ids);

    await repair();
    expect(await billRun(db, '2019-12', billDueAt('2019-12'))).toMatchObject({ issued: 3, existing: 2 });
    for (const id of ids) {
      expect(await countOf(db, id)).toEqual({ bills: 1, entries: 3 });
      expect(await accountBalances(db, id)).toMatchObject({ cashFen: 7_500, frozenFen: 2_500 });
    }
    await expectLedgerBalanced(db, ...ids);
  });

  it('bills a beta month only where there was usage, at ¥0 with no freeze', async () => {
    const db = await openTestDb();
    const idle = await createTestAccount(db);
    const busy = await createTestAccount(db);
    await activateAccount(db, idle.id, at('2019-11-05'));
    await activateAccount(db, busy.id, at('2019-11-05'));
    await allocateCalls(db, { accountId: busy.id, item: 'crop', count: 2_000_000, at: at('2019-11-20') });
    expect(await earliestActivityMonth(db)).toBe('2019-11');

    await billRun(db, '2019-11', billDueAt('2019-11'));
    expect(await billFor(db, idle.id, '2019-11')).toBeUndefined();
    const bill = (await billFor(db, busy.id, '2019-11'))!;
    expect(bill.bill).toMatchObject({ subtotal: '0', payableFen: 0, frozenFen: 0 });
    expect(bill.lines).toEqual([expect.objectContaining({ item: 'crop', chargedCalls: 2_000_000, tier: null, amount: '0' })]);
    expect(await accountBalances(db, busy.id)).toMatchObject({ cashFen: 0, frozenFen: 0, inArrears: false });
    await expectLedgerBalanced(db, idle.id, busy.id);
  });

  it('freezes only what is available when the balance cannot cover the estimate', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 09:00'));
    await topUp(db, { accountId: id, amountFen: 3_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    // 20,000 charged × ¥0.0025 = ¥50.00 with ¥30.00 in cash → cash −20.00, nothing frozen, arrears.
    await allocateCalls(db, { accountId: id, item: 'label', count: 30_000, at: at('2019-12-15') });
    await billRun(db, '2019-12', billDueAt('2019-12'));
    const bill = (await billFor(db, id, '2019-12'))!;
    expect(bill).toMatchObject({ estimateFen: 5_000, freezeShortfallFen: 5_000, bill: { payableFen: 5_000, frozenFen: 0 } });
    expect(await accountBalances(db, id)).toEqual({ cashFen: -2_000, frozenFen: 0, availableFen: -2_000, inArrears: true });
    await expectLedgerBalanced(db, id);
  });
});

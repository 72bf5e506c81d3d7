import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb, type DB } from '@/db/client';
import { bills, ledgerEntries } from '@/db/schema';
import { accountBalances, topUp } from '@/server/ledger';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { billDueAt, billRun, earliestActivityMonth, lastBillableMonth } from './bill-run';

/** Five funded accounts, each with 20,000 label calls in December 2019 (¥25.00 payable each). */
function fiveCustomers(db: DB): number[] {
  return Array.from({ length: 5 }, () => {
    const { id } = createTestAccount(db);
    activateAccount(db, id, at('2019-12-01 09:00'));
    topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    allocateCalls(db, { accountId: id, item: 'label', count: 20_000, at: at('2019-12-15') });
    return id;
  });
}

function countOf(db: DB, accountId: number) {
  return {
    bills: db.select({ n: count() }).from(bills).where(eq(bills.accountId, accountId)).get()!.n,
    entries: db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).get()!.n,
  };
}

describe('bill run', () => {
  it('is due from 01:00 UTC+8 on the 1st of the next month', () => {
    expect(billDueAt('2019-12')).toBe(at('2020-01-01 01:00'));
    expect(lastBillableMonth(at('2020-01-01 00:59:59.999'))).toBe('2019-11');
    expect(lastBillableMonth(at('2020-01-01 01:00'))).toBe('2019-12');
  });

  it('run twice issues one bill and one deduction per account', () => {
    const db = openTestDb();
    const ids = fiveCustomers(db);
    expect(billRun(db, '2019-12', billDueAt('2019-12'))).toEqual({ month: '2019-12', accounts: 5, issued: 5, existing: 0, payableFen: 12_500 });
    expect(billRun(db, '2019-12', billDueAt('2019-12') + 60_000)).toEqual({ month: '2019-12', accounts: 5, issued: 0, existing: 5, payableFen: 0 });
    for (const id of ids) {
      // 10,000 charged × ¥0.0025 = ¥25.00: 10,000 − 2,500 = 7,500 cash, 2,500 frozen.
      expect(accountBalances(db, id)).toMatchObject({ cashFen: 7_500, frozenFen: 2_500 });
      expect(countOf(db, id)).toEqual({ bills: 1, entries: 3 }); // top-up, payment, freeze
    }
    expectLedgerBalanced(db, ...ids);
  });

  it('killed half-way, then rerun: one bill and one deduction per account', () => {
    const db = openTestDb();
    const ids = fiveCustomers(db);
    // The third account's settlement dies at its last write (the bill_issued notice),
    // after its bill and ledger entries were written in the same transaction.
    db.$client.exec(`CREATE TRIGGER crash BEFORE INSERT ON notifications WHEN NEW.account_id = ${ids[2]}
      BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(() => billRun(db, '2019-12', billDueAt('2019-12'))).toThrow('simulated crash');
    expect(ids.map((id) => countOf(db, id).bills)).toEqual([1, 1, 0, 0, 0]);
    expect(accountBalances(db, ids[2])).toMatchObject({ cashFen: 10_000, frozenFen: 0 });
    expectLedgerBalanced(db, ...ids);

    db.$client.exec('DROP TRIGGER crash');
    expect(billRun(db, '2019-12', billDueAt('2019-12'))).toMatchObject({ issued: 3, existing: 2 });
    for (const id of ids) {
      expect(countOf(db, id)).toEqual({ bills: 1, entries: 3 });
      expect(accountBalances(db, id)).toMatchObject({ cashFen: 7_500, frozenFen: 2_500 });
    }
    expectLedgerBalanced(db, ...ids);
  });

  it('bills a beta month only where there was usage, at ¥0 with no freeze', () => {
    const db = openTestDb();
    const idle = createTestAccount(db);
    const busy = createTestAccount(db);
    activateAccount(db, idle.id, at('2019-11-05'));
    activateAccount(db, busy.id, at('2019-11-05'));
    allocateCalls(db, { accountId: busy.id, item: 'crop', count: 2_000_000, at: at('2019-11-20') });
    expect(earliestActivityMonth(db)).toBe('2019-11');

    billRun(db, '2019-11', billDueAt('2019-11'));
    expect(billFor(db, idle.id, '2019-11')).toBeUndefined();
    const bill = billFor(db, busy.id, '2019-11')!;
    expect(bill.bill).toMatchObject({ subtotal: '0', payableFen: 0, frozenFen: 0 });
    expect(bill.lines).toEqual([expect.objectContaining({ item: 'crop', chargedCalls: 2_000_000, tier: null, amount: '0' })]);
    expect(accountBalances(db, busy.id)).toMatchObject({ cashFen: 0, frozenFen: 0, inArrears: false });
    expectLedgerBalanced(db, idle.id, busy.id);
  });

  it('freezes only what is available when the balance cannot cover the estimate', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    activateAccount(db, id, at('2019-12-01 09:00'));
    topUp(db, { accountId: id, amountFen: 3_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    // 20,000 charged × ¥0.0025 = ¥50.00 with ¥30.00 in cash → cash −20.00, nothing frozen, arrears.
    allocateCalls(db, { accountId: id, item: 'label', count: 30_000, at: at('2019-12-15') });
    billRun(db, '2019-12', billDueAt('2019-12'));
    const bill = billFor(db, id, '2019-12')!;
    expect(bill).toMatchObject({ estimateFen: 5_000, freezeShortfallFen: 5_000, bill: { payableFen: 5_000, frozenFen: 0 } });
    expect(accountBalances(db, id)).toEqual({ cashFen: -2_000, frozenFen: 0, availableFen: -2_000, inArrears: true });
    expectLedgerBalanced(db, id);
  });
});

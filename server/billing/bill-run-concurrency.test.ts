// Two bill runs of the same month at once (two processes: two schedulers, or an operator's
// `npm run billing` while the scheduler runs): every account gets one bill and one
// deduction, whichever run settles it.
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { bills, ledgerEntries, notifications } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { accountBalances } from '@/server/queries/account';
import { runWorker, startLine } from '@/server/testing/child-process';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { billDueAt, type BillRunSummary } from './bill-run';

const ACCOUNTS = 30;

/** Funded accounts with 20,000 label calls in December 2019 each (¥25.00 payable). */
async function customers(db: Db): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 09:00'));
    await topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 20_000, at: at('2019-12-15') });
    ids.push(id);
  }
  return ids;
}

async function rowsOf(db: Db, accountId: number) {
  const n = async (table: typeof bills | typeof ledgerEntries | typeof notifications) =>
    (await db.select({ n: count() }).from(table).where(eq(table.accountId, accountId)))[0].n;
  return { bills: await n(bills), entries: await n(ledgerEntries), notifications: await n(notifications) };
}

describe('two bill runs of one month at once', () => {
  it('issue one bill and one deduction per account between them', async () => {
    const db = await openTestDb();
    const ids = await customers(db);
    const startAt = startLine();
    // 4 accounts per transaction: the two runs interleave over 8 chunks each.
    const runs = await Promise.all(
      [0, 1].map(() => runWorker<BillRunSummary>(db, 'bill-run-worker.ts', ['2019-12', billDueAt('2019-12'), 4, startAt])),
    );
    expect(runs.map((r) => r.accounts)).toEqual([ACCOUNTS, ACCOUNTS]);
    expect(runs[0].issued + runs[1].issued).toBe(ACCOUNTS);
    expect(runs[0].existing + runs[1].existing).toBe(ACCOUNTS);
    expect(runs[0].payableFen + runs[1].payableFen).toBe(ACCOUNTS * 2_500);
    for (const id of ids) {
      // top-up, payment, freeze; one bill_issued notice
      expect(await rowsOf(db, id)).toEqual({ bills: 1, entries: 3, notifications: 1 });
      expect(await accountBalances(db, id)).toMatchObject({ cashFen: 7_500, frozenFen: 2_500 });
    }
    await expectLedgerBalanced(db, ...ids);
  }, 60_000);
});

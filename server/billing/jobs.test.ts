import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { orders, packs } from '@/db/schema';
import { ALL_JOBS } from '@/server/clock/jobs';
import { runDueJobs } from '@/server/clock/scheduler';
import { topUp } from '@/server/ledger';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder } from './orders';

describe('scheduled jobs', () => {
  it('do nothing on a database with no activated account', async () => {
    const db = await openTestDb();
    await createTestAccount(db);
    expect((await runDueJobs(db, ALL_JOBS, at('2020-03-02'))).map((r) => r.job)).toEqual(['order-lapse', 'request-log-prune']);
  });

  it('catch up a clock jump from 2019-11-15 to 2020-03-02, each period exactly once', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-11-15 10:00'));
    await allocateCalls(db, { accountId: id, item: 'label', count: 100, at: at('2019-11-15 11:00') });
    expect((await runDueJobs(db, ALL_JOBS, at('2019-11-15 11:00'))).map((r) => `${r.job} ${r.period}`)).toEqual(['order-lapse 2019-11-15 11', 'request-log-prune 2019-11-15']);

    const ran = await runDueJobs(db, ALL_JOBS, at('2020-03-02 00:00'));
    expect(ran.map((r) => `${r.job} ${r.period}`)).toEqual([
      'free-packs 2019-12',
      'free-packs 2020-01',
      'free-packs 2020-02',
      'free-packs 2020-03',
      'bill-run 2019-11',
      'bill-run 2019-12',
      'bill-run 2020-01',
      'bill-run 2020-02',
      'order-lapse 2020-03-02 00',
      'request-log-prune 2020-03-02',
    ]);
    expect(await runDueJobs(db, ALL_JOBS, at('2020-03-02 00:00'))).toEqual([]);

    const freePacks = await db.select().from(packs).where(and(eq(packs.accountId, id), eq(packs.kind, 'free')));
    expect(freePacks).toHaveLength(4 * 9);
    expect((await billFor(db, id, '2019-11'))!.bill.payableFen).toBe(0); // the beta month's usage, at ¥0
    expect(await billFor(db, id, '2019-12')).toBeUndefined(); // no usage, nothing frozen
    await expectLedgerBalanced(db, id);
  });

  it('grant free packs only to accounts activated before the month ended', async () => {
    const db = await openTestDb();
    const early = await createTestAccount(db);
    const late = await createTestAccount(db);
    await activateAccount(db, early.id, at('2019-12-20'));
    await runDueJobs(db, ALL_JOBS, at('2020-01-01 00:00'));
    await activateAccount(db, late.id, at('2020-02-10'));
    await runDueJobs(db, ALL_JOBS, at('2020-02-10'));
    const months = async (accountId: number) => [...new Set((await db.select().from(packs).where(eq(packs.accountId, accountId))).map((p) => p.month))].sort();
    expect(await months(early.id)).toEqual(['2019-12', '2020-01', '2020-02']);
    expect(await months(late.id)).toEqual(['2020-02']);
  });

  it('record unpaid orders as expired after 30 minutes', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await topUp(db, { accountId: id, amountFen: 100_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    const order = await createOrder(db, { accountId: id, item: 'crop', sizeCode: '1m', quantity: 1, idempotencyKey: 'o', now: at('2019-12-01 10:00') });
    await runDueJobs(db, ALL_JOBS, at('2019-12-01 10:29'));
    const stored = async () => (await db.select().from(orders).where(eq(orders.id, order.id)))[0];
    expect((await stored()).status).toBe('pending');
    await runDueJobs(db, ALL_JOBS, at('2019-12-01 11:00'));
    expect(await stored()).toMatchObject({ status: 'expired', closedAt: at('2019-12-01 10:30') });
  });
});

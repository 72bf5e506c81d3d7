import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { accounts, apiRequests, packs, usageMonthly } from '@/db/schema';
import { activateAccount } from '@/server/billing';
import { initClock } from '@/server/clock/app-clock';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { createMeter, type MeterInput } from './metering';

const T = at('2019-12-05T10:00:00+08:00');

function setup() {
  const db = openTestDb();
  initClock(db, { sandbox: true, start: T });
  const account = createTestAccount(db, { now: T });
  activateAccount(db, account.id, T);
  return { db, accountId: account.id };
}

const input = (accountId: number, n: number, item: 'quality' | 'crop' = 'quality'): MeterInput => ({
  requestId: `req-${accountId}-${item}-${n}`,
  accountId,
  action: item === 'quality' ? 'AssessQuality' : 'CropImage',
  calls: [{ item, count: 1 }],
  at: T + n,
});

describe('createMeter (group commit)', () => {
  it('meters concurrent requests in one turn, each exactly once', async () => {
    const { db, accountId } = setup();
    const meter = createMeter(db);
    await Promise.all([...Array.from({ length: 20 }, (_, i) => meter(input(accountId, i))), meter(input(accountId, 0, 'crop'))]);
    expect(db.select().from(apiRequests).all()).toHaveLength(21);
    const usage = db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId)).all();
    expect(usage.map((u) => [u.item, u.totalCalls, u.freeCalls])).toEqual(expect.arrayContaining([['quality', 20, 20], ['crop', 1, 1]]));
  });

  it('a refused batch falls back to one transaction per request: only the refused fail', async () => {
    const { db, accountId } = setup();
    db.update(accounts).set({ inArrears: true }).where(eq(accounts.id, accountId)).run();
    db.update(packs).set({ usedCalls: 10_000 - 3 }).where(eq(packs.accountId, accountId)).run();
    const meter = createMeter(db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => meter(input(accountId, i))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'InArrears' });
    expect(db.select().from(apiRequests).all().map((r) => r.requestId)).toEqual([0, 1, 2].map((i) => input(accountId, i).requestId));
    expect(db.select().from(usageMonthly).get()).toMatchObject({ totalCalls: 3, freeCalls: 3, chargedCalls: 0 });
  });

  it('never records a RequestId twice', async () => {
    const { db, accountId } = setup();
    const meter = createMeter(db);
    await meter(input(accountId, 1));
    await expect(meter(input(accountId, 1))).rejects.toThrow();
    expect(db.select().from(usageMonthly).get()).toMatchObject({ totalCalls: 1 });
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lockAccountRows } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { isUniqueViolation } from '@/db/kernel/results';
import { NotFoundError } from '@/db/not-found';
import { accounts, apiRequests, packs, usageDaily, usageMonthly } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { activateAccount, allocateLockedCalls } from '@/server/billing';
import { initClock } from '@/server/clock/app-clock';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { createMeter, meterRequests, type MeterInput } from './metering';

const T = at('2019-12-05T10:00:00+08:00');

async function setup() {
  const db = await openTestDb();
  await initClock(db, { sandbox: true, start: T });
  const account = await createTestAccount(db, { now: T });
  await activateAccount(db, account.id, T);
  return { db, accountId: account.id };
}

const input = (accountId: number, n: number, item: 'quality' | 'crop' = 'quality'): MeterInput => ({
  requestId: `req-${accountId}-${item}-${n}`,
  accountId,
  action: item === 'quality' ? 'AssessQuality' : 'CropImage',
  calls: [{ item, count: 1 }],
  at: T + n,
  secretId: 'AKIDmeter',
  receivedAt: performance.now(),
});

describe('createMeter (group commit)', () => {
  it('meters concurrent requests in one turn, each exactly once', async () => {
    const { db, accountId } = await setup();
    const meter = createMeter(db);
    await Promise.all([...Array.from({ length: 20 }, (_, i) => meter(input(accountId, i))), meter(input(accountId, 0, 'crop'))]);
    expect(await db.select().from(apiRequests)).toHaveLength(21);
    const usage = await db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
    expect(usage.map((u) => [u.item, u.totalCalls, u.freeCalls])).toEqual(expect.arrayContaining([['quality', 20, 20], ['crop', 1, 1]]));
  });

  it('each row is its request’s 请求日志 line: the signing key and the latency from arrival to the flush', async () => {
    const { db, accountId } = await setup();
    const arrived = performance.now() - 25; // arrived 25 ms ago
    await createMeter(db)({ ...input(accountId, 1, 'crop'), receivedAt: arrived });
    const [row] = await db.select().from(apiRequests);
    expect(row).toMatchObject({ requestId: input(accountId, 1, 'crop').requestId, action: 'CropImage', calls: 1, createdAt: T + 1, secretId: 'AKIDmeter' });
    expect(row.latencyUs).toBeGreaterThanOrEqual(25_000);
    expect(row.latencyUs).toBeLessThanOrEqual(Math.ceil((performance.now() - arrived) * 1000));
  });

  it('requests arriving while a flush commits go into the next one, and every one is metered', async () => {
    const { db, accountId } = await setup();
    const meter = createMeter(db);
    const first = Array.from({ length: 5 }, (_, i) => meter(input(accountId, i)));
    await new Promise((resolve) => setImmediate(resolve)); // the first flush has started
    const second = Array.from({ length: 5 }, (_, i) => meter(input(accountId, 5 + i)));
    await Promise.all([...first, ...second]);
    expect(await db.select().from(apiRequests)).toHaveLength(10);
    const [usage] = await db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
    expect(usage).toMatchObject({ totalCalls: 10, freeCalls: 10, chargedCalls: 0 });
  });

  it('flushes in flight together over the same accounts neither deadlock nor lose a call', async () => {
    const { db, accountId: a } = await setup();
    const b = (await createTestAccount(db, { now: T })).id;
    await activateAccount(db, b, T);
    const meter = createMeter(db, 2);
    const waves = Array.from({ length: 6 }, async (_, wave) => {
      await new Promise((resolve) => setTimeout(resolve, wave)); // spread over several turns, so flushes overlap
      const ids = wave % 2 ? [b, a] : [a, b];
      await Promise.all(ids.flatMap((id) => Array.from({ length: 5 }, (_, i) => meter(input(id, wave * 10 + i)))));
    });
    await Promise.all(waves);
    const usage = await db.select().from(usageMonthly).orderBy(usageMonthly.accountId);
    expect(usage.map((u) => [u.accountId, u.totalCalls])).toEqual([
      [a, 30],
      [b, 30],
    ]);
    expect(await db.select({ requestId: apiRequests.requestId }).from(apiRequests)).toHaveLength(60);
  });

  it('a refused batch falls back to one transaction per request: only the refused fail', async () => {
    const { db, accountId } = await setup();
    await transaction(db, async (tx) => {
      await tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, accountId));
      await tx.update(packs).set({ usedCalls: 10_000 - 3 }).where(eq(packs.accountId, accountId));
    });
    const meter = createMeter(db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => meter(input(accountId, i))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'InArrears' });
    const recorded = await db.select({ requestId: apiRequests.requestId }).from(apiRequests).orderBy(apiRequests.createdAt);
    expect(recorded.map((r) => r.requestId)).toEqual([0, 1, 2].map((i) => input(accountId, i).requestId));
    expect((await db.select().from(usageMonthly))[0]).toMatchObject({ totalCalls: 3, freeCalls: 3, chargedCalls: 0 });
  });

  it('never records a RequestId twice: the second is refused by the unique key and meters nothing', async () => {
    const { db, accountId } = await setup();
    const meter = createMeter(db);
    await meter(input(accountId, 1));
    const again = await meter(input(accountId, 1)).then(
      () => 'metered',
      (err: unknown) => (isUniqueViolation(err) ? 'unique violation' : String(err)),
    );
    expect(again).toBe('unique violation');
    expect(await db.select({ requestId: apiRequests.requestId }).from(apiRequests)).toEqual([{ requestId: input(accountId, 1).requestId }]);
    const usage = await db.select().from(usageMonthly);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ item: 'quality', totalCalls: 1, freeCalls: 1, chargedCalls: 0 });
  });

  it('refuses a whole batch that names an account which does not exist (api_requests has no foreign key): no row, no usage', async () => {
    const { db, accountId } = await setup();
    const ghost = accountId + 999;
    const counted = meterRequests(db, [input(accountId, 1), input(ghost, 2)]);
    await expect(counted).rejects.toBeInstanceOf(NotFoundError);
    // A request of no calls allocates nothing, yet its row is still checked.
    await expect(meterRequests(db, [input(accountId, 3), { ...input(ghost, 4), calls: [] }])).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.select().from(apiRequests)).toEqual([]);
    expect(await db.select().from(usageMonthly)).toEqual([]);
  });

  it('a flush waiting for its account’s lock reads the packs only once it holds it, drawing what the holder left', async () => {
    const { db, accountId } = await setup();
    const jan = at('2020-01-10T10:00:00+08:00');
    const [pack] = await transaction(db, (tx) =>
      tx.insert(packs).values({ accountId, item: 'quality', kind: 'prepaid', sizeCalls: 5, validFrom: T, validUntil: at('2020-03-01'), createdAt: T }).returning(),
    );
    const call = (requestId: string, count: number): MeterInput => ({
      requestId, accountId, action: 'AssessQuality', calls: [{ item: 'quality', count }], at: jan, secretId: 'AKIDmeter', receivedAt: performance.now(),
    });
    await meterRequests(db, [call('free', 10_000)]); // January's free calls, all taken
    // Another writer holds the account's lock, and has drawn 4 of the pack's 5 calls, while the flush starts.
    let flush: Promise<void> | undefined;
    await transaction(db, async (tx) => {
      const [account] = await lockAccountRows(tx, [accountId]);
      await allocateLockedCalls(tx, { accountId, item: 'quality', count: 4, at: jan }, account);
      flush = meterRequests(db, [call('y', 4)]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    await flush;
    const [drawn] = await db.select().from(packs).where(eq(packs.id, pack.id));
    expect(drawn.usedCalls).toBe(5);
    const [month] = await db.select().from(usageMonthly).where(and(eq(usageMonthly.accountId, accountId), eq(usageMonthly.month, '2020-01')));
    expect([month.totalCalls, month.freeCalls, month.packCalls, month.chargedCalls]).toEqual([10_008, 10_000, 5, 3]);
  });

  it('one flush over two accounts and two days: a free pack made, two prepaid packs drawn, the second day seeing the first’s draws', async () => {
    const { db, accountId: a } = await setup();
    const b = (await createTestAccount(db, { now: T })).id;
    await activateAccount(db, b, T);
    const prepaid = (sizeCalls: number, until: string) => ({ accountId: a, item: 'quality', kind: 'prepaid' as const, sizeCalls, validFrom: T, validUntil: at(until), createdAt: T });
    const [small, large] = await transaction(db, (tx) => tx.insert(packs).values([prepaid(3, '2020-01-20'), prepaid(100, '2020-03-01')]).returning());
    // January: no free pack yet (the monthly job has not run), so the flush makes them.
    const jan1 = at('2020-01-01T10:00:00+08:00');
    const jan2 = at('2020-01-02T10:00:00+08:00');
    const call = (accountId: number, requestId: string, count: number, when: number): MeterInput => ({
      requestId, accountId, action: 'AssessQuality', calls: [{ item: 'quality', count }], at: when, secretId: 'AKIDmeter', receivedAt: performance.now(),
    });
    await meterRequests(db, [call(a, 'a-1', 10_004, jan1), call(b, 'b-1', 1, jan1), call(a, 'a-2', 5, jan2)]);

    const used = async (id: number) => (await db.select().from(packs).where(eq(packs.id, id)))[0].usedCalls;
    expect([await used(small.id), await used(large.id)]).toEqual([3, 6]);
    const free = await db.select().from(packs).where(and(eq(packs.kind, 'free'), eq(packs.item, 'quality'), eq(packs.month, '2020-01'))).orderBy(packs.accountId);
    expect(free.map((p) => [p.accountId, p.sizeCalls, p.usedCalls])).toEqual([
      [a, 10_000, 10_000],
      [b, 10_000, 1],
    ]);
    const monthly = await db.select().from(usageMonthly).where(eq(usageMonthly.month, '2020-01')).orderBy(usageMonthly.accountId);
    expect(monthly.map((u) => [u.accountId, u.totalCalls, u.freeCalls, u.packCalls, u.chargedCalls])).toEqual([
      [a, 10_009, 10_000, 9, 0],
      [b, 1, 1, 0, 0],
    ]);
    const daily = await db.select().from(usageDaily).where(eq(usageDaily.accountId, a)).orderBy(usageDaily.day);
    expect(daily.map((u) => [u.day, u.totalCalls, u.freeCalls, u.packCalls])).toEqual([
      ['2020-01-01', 10_004, 10_000, 4],
      ['2020-01-02', 5, 0, 5],
    ]);
    const rows = await db.select().from(apiRequests).orderBy(apiRequests.requestId);
    expect(rows.map((r) => [r.requestId, r.accountId, r.calls])).toEqual([
      ['a-1', a, 10_004],
      ['a-2', a, 5],
      ['b-1', b, 1],
    ]);
  });
});

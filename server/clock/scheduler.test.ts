import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jobRuns } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { monthOf, monthsBetween, monthStart, nextMonth } from '@/lib/period';
import { lastDonePeriod, runDueJobs, type ScheduledJob } from './scheduler';

/** A monthly job due at 00:00 UTC+8 on the 1st, counting how often each month ran. */
function monthlyJob(runs: Map<string, number>, fail?: string): ScheduledJob {
  return {
    name: 'test-monthly',
    duePeriods(now, lastDone) {
      const from = lastDone ? nextMonth(lastDone) : '2019-12';
      const to = monthOf(now);
      return monthStart(from) <= now ? monthsBetween(from, to) : [];
    },
    runPeriod(_db, period) {
      if (period === fail) throw new Error(`crash in ${period}`);
      runs.set(period, (runs.get(period) ?? 0) + 1);
      return `did ${period}`;
    },
  };
}

describe('scheduler', () => {
  it('runs each due period once, and nothing on a second tick', async () => {
    const db = await openTestDb();
    const runs = new Map<string, number>();
    const job = monthlyJob(runs);
    const now = Date.parse('2020-03-02T00:00:00+08:00');
    const ran = await runDueJobs(db, [job], now);
    expect(ran.map((r) => r.period)).toEqual(['2019-12', '2020-01', '2020-02', '2020-03']);
    expect(await runDueJobs(db, [job], now)).toEqual([]);
    expect([...runs.values()]).toEqual([1, 1, 1, 1]);
    expect(await lastDonePeriod(db, 'test-monthly')).toBe('2020-03');
  });

  it('catches up after a jump and resumes after a crash without redoing finished periods', async () => {
    const db = await openTestDb();
    const runs = new Map<string, number>();
    const now = Date.parse('2020-02-15T00:00:00+08:00');
    await expect(runDueJobs(db, [monthlyJob(runs, '2020-01')], now)).rejects.toThrowError('crash in 2020-01');
    expect(await lastDonePeriod(db, 'test-monthly')).toBe('2019-12');
    await runDueJobs(db, [monthlyJob(runs)], now);
    expect(Object.fromEntries(runs)).toEqual({ '2019-12': 1, '2020-01': 1, '2020-02': 1 });
  });

  it('two schedulers catching up at once record each period once', async () => {
    const db = await openTestDb();
    const runs = new Map<string, number>();
    const now = Date.parse('2020-01-02T00:00:00+08:00');
    await Promise.all([runDueJobs(db, [monthlyJob(runs)], now), runDueJobs(db, [monthlyJob(runs)], now)]);
    const rows = await db.select({ period: jobRuns.period }).from(jobRuns).where(eq(jobRuns.job, 'test-monthly')).orderBy(jobRuns.period);
    expect(rows.map((r) => r.period)).toEqual(['2019-12', '2020-01']);
    expect(await runDueJobs(db, [monthlyJob(runs)], now)).toEqual([]);
  });

  it('nothing is due before the first period starts', async () => {
    const db = await openTestDb();
    const runs = new Map<string, number>();
    expect(await runDueJobs(db, [monthlyJob(runs)], Date.parse('2019-11-30T15:59:59Z'))).toEqual([]);
    expect(await lastDonePeriod(db, 'test-monthly')).toBeNull();
  });
});

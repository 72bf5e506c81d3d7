import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
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
  it('runs each due period once, and nothing on a second tick', () => {
    const db = openTestDb();
    const runs = new Map<string, number>();
    const job = monthlyJob(runs);
    const now = Date.parse('2020-03-02T00:00:00+08:00');
    const ran = runDueJobs(db, [job], now);
    expect(ran.map((r) => r.period)).toEqual(['2019-12', '2020-01', '2020-02', '2020-03']);
    expect(runDueJobs(db, [job], now)).toEqual([]);
    expect([...runs.values()]).toEqual([1, 1, 1, 1]);
    expect(lastDonePeriod(db, 'test-monthly')).toBe('2020-03');
  });

  it('catches up after a jump and resumes after a crash without redoing finished periods', () => {
    const db = openTestDb();
    const runs = new Map<string, number>();
    const now = Date.parse('2020-02-15T00:00:00+08:00');
    expect(() => runDueJobs(db, [monthlyJob(runs, '2020-01')], now)).toThrowError('crash in 2020-01');
    expect(lastDonePeriod(db, 'test-monthly')).toBe('2019-12');
    runDueJobs(db, [monthlyJob(runs)], now);
    expect(Object.fromEntries(runs)).toEqual({ '2019-12': 1, '2020-01': 1, '2020-02': 1 });
  });

  it('nothing is due before the first period starts', () => {
    const db = openTestDb();
    const runs = new Map<string, number>();
    expect(runDueJobs(db, [monthlyJob(runs)], Date.parse('2019-11-30T15:59:59Z'))).toEqual([]);
  });
});

import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { jobRuns } from '@/db/schema';
import { appNow } from './app-clock';
import { repeatEvery } from './repeat';
import type { SchedulerLock } from './scheduler-lock';

/**
 * A scheduled job works in periods (e.g. the bill run of one month). The scheduler asks
 * which periods are due after the last one done, runs each in turn and records it in
 * job_runs. A crash between the work and the record reruns the period, so `runPeriod`
 * must be idempotent on its own (its writes are keyed), which also makes two processes
 * (or two API hosts on PostgreSQL) catching up at once harmless; the job_runs primary key
 * (job, period) records each period once whoever finishes first.
 */
export interface ScheduledJob {
  name: string;
  /**
   * Periods due at `now`, oldest first, strictly after `lastDone` (null: never run; `db`
   * lets a job start from the first period that has anything to do).
   */
  duePeriods(now: number, lastDone: string | null, db: Db): Promise<string[]> | string[];
  /**
   * Does one period's work; returns a short human-readable detail for the log. It gets the
   * root handle, not a transaction: a long period (a bill run of every account) commits in
   * steps of its own rather than holding the write lock throughout.
   */
  runPeriod(db: Db, period: string, now: number): Promise<string> | string;
}

export interface JobRun {
  job: string;
  period: string;
  detail: string;
}

export async function lastDonePeriod(db: Db, job: string): Promise<string | null> {
  const [row] = await db.select({ period: jobRuns.period }).from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.period)).limit(1);
  return row?.period ?? null;
}

async function recordRun(db: Db, run: JobRun, now: number): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.insert(jobRuns).values({ job: run.job, period: run.period, ranAt: now, detail: run.detail }).onConflictDoNothing();
  });
}

export async function runDueJobs(db: Db, jobs: readonly ScheduledJob[], now?: number): Promise<JobRun[]> {
  const at = now ?? (await appNow(db));
  const ran: JobRun[] = [];
  for (const job of jobs) {
    for (const period of await job.duePeriods(at, await lastDonePeriod(db, job.name), db)) {
      const run = { job: job.name, period, detail: await job.runPeriod(db, period, at) };
      await recordRun(db, run, at);
      ran.push(run);
    }
  }
  return ran;
}

export async function recentJobRuns(db: Db, limit = 50) {
  return db.select().from(jobRuns).orderBy(desc(jobRuns.ranAt), desc(jobRuns.period)).limit(limit);
}

export async function hasRun(db: Db, job: string, period: string): Promise<boolean> {
  const [row] = await db.select({ job: jobRuns.job }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.period, period))).limit(1);
  return row !== undefined;
}

/**
 * Runs due jobs on every tick until stopped (which waits for a tick in progress and lets the
 * lock go); a failing tick is logged and retried. With a `lock`, a tick acts only while this
 * process holds it (scheduler-lock.ts), so of several schedulers exactly one acts, and a
 * standby takes over within a tick of the holder's death.
 */
export function startScheduler(db: Db, jobs: readonly ScheduledJob[], { intervalMs = 1000, lock }: { intervalMs?: number; lock?: SchedulerLock } = {}): () => Promise<void> {
  let acting: boolean | undefined = lock ? undefined : true;
  const stop = repeatEvery(
    intervalMs,
    async () => {
      if (lock) {
        const holds = await lock.hold();
        if (holds !== acting) console.log(holds ? '[scheduler] acting: this process holds the scheduler lock' : '[scheduler] standing by: another scheduler holds the lock');
        acting = holds;
        if (!holds) return;
      }
      for (const r of await runDueJobs(db, jobs)) console.log(`[scheduler] ${r.job} ${r.period}: ${r.detail}`);
    },
    (err) => console.error('[scheduler] tick failed, will retry', err),
    { immediately: true },
  );
  return async () => {
    await stop();
    await lock?.release();
  };
}

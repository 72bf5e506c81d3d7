import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { jobRuns } from '@/db/schema';
import { appNow } from './app-clock';

/**
 * A scheduled job works in periods (e.g. the bill run of one month). The scheduler asks
 * which periods are due after the last one done, runs each in turn and records it in
 * job_runs. A crash between the work and the record reruns the period, so `runPeriod`
 * must be idempotent on its own (its writes are keyed), which also makes two processes
 * catching up at once harmless.
 */
export interface ScheduledJob {
  name: string;
  /**
   * Periods due at `now`, oldest first, strictly after `lastDone` (null: never run; `db`
   * lets a job start from the first period that has anything to do).
   */
  duePeriods(now: number, lastDone: string | null, db: DB): string[];
  /** Does one period's work; returns a short human-readable detail for the log. */
  runPeriod(db: DB, period: string, now: number): string;
}

export interface JobRun {
  job: string;
  period: string;
  detail: string;
}

export function lastDonePeriod(db: DB, job: string): string | null {
  const row = db
    .select({ period: jobRuns.period })
    .from(jobRuns)
    .where(eq(jobRuns.job, job))
    .orderBy(desc(jobRuns.period))
    .limit(1)
    .get();
  return row?.period ?? null;
}

export function runDueJobs(db: DB, jobs: readonly ScheduledJob[], now: number = appNow(db)): JobRun[] {
  const ran: JobRun[] = [];
  for (const job of jobs) {
    for (const period of job.duePeriods(now, lastDonePeriod(db, job.name), db)) {
      const detail = job.runPeriod(db, period, now);
      db.insert(jobRuns).values({ job: job.name, period, ranAt: now, detail }).onConflictDoNothing().run();
      ran.push({ job: job.name, period, detail });
    }
  }
  return ran;
}

export function recentJobRuns(db: DB, limit = 50) {
  return db.select().from(jobRuns).orderBy(desc(jobRuns.ranAt), desc(jobRuns.period)).limit(limit).all();
}

export function hasRun(db: DB, job: string, period: string): boolean {
  return !!db.select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.period, period))).get();
}

/** Runs due jobs on every tick until stopped; a failing tick is logged and retried. */
export function startScheduler(db: DB, jobs: readonly ScheduledJob[], intervalMs = 1000): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    try {
      for (const r of runDueJobs(db, jobs)) console.log(`[scheduler] ${r.job} ${r.period}: ${r.detail}`);
    } catch (err) {
      console.error('[scheduler] tick failed, will retry', err);
    } finally {
      running = false;
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

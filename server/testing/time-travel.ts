import type { Db } from '@/db/client';
import { advanceClock, initClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { runDueJobs, type JobRun } from '@/server/clock/scheduler';

// Stories travel in time like Lago's scenarios: they move the sandbox app clock and let
// the scheduler do what is due (free packs, bill runs, order lapses), as in production.

/** Starts the story's sandbox app clock at `start`. */
export async function startClock(db: Db, start: number): Promise<void> {
  await initClock(db, { sandbox: true, start });
}

/** Moves the app clock forward to `to` and runs every job due by then; returns "job period" of each run. */
export async function travelTo(db: Db, to: number): Promise<string[]> {
  await advanceClock(db, to);
  const ran: JobRun[] = await runDueJobs(db, ALL_JOBS);
  return ran.map((r) => `${r.job} ${r.period}`);
}

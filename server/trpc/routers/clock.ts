import { z } from 'zod';
import { parseIsoTime } from '@/lib/period';
import { advanceClock, readClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { recentJobRuns, runDueJobs } from '@/server/clock/scheduler';
import { protectedProcedure, router } from '../init';
import { clockAdvanceOutput, clockStateOutput } from './clock.types';

export const clockRouter = router({
  state: protectedProcedure.output(clockStateOutput).query(async ({ ctx }) => {
    const { now, sandbox } = await readClock(ctx.db);
    return { now, sandbox, recentRuns: await recentJobRuns(ctx.db, 30) };
  }),
  // In sandbox mode every signed-in user may move the clock: the sandbox is a test bench.
  advance: protectedProcedure
    .input(z.object({ to: z.string().trim().min(1, '请输入时间') }))
    .output(clockAdvanceOutput)
    .mutation(async ({ ctx, input }) => {
      let to: number;
      try {
        to = parseIsoTime(input.to);
      } catch {
        to = NaN;
      }
      const state = await advanceClock(ctx.db, to);
      const ran = await runDueJobs(ctx.db, ALL_JOBS, state.now);
      return { now: state.now, ran };
    }),
});

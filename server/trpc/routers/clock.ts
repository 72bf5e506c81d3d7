import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { parseIsoTime } from '@/lib/period';
import { advanceClock, readClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { recentJobRuns, runDueJobs } from '@/server/clock/scheduler';
import { protectedProcedure, router } from '../init';
import { clockAdvanceOutput, clockStateOutput } from './clock.types';

export const clockRouter = router({
  // Every tenant shares the one clock and the jobs it runs; a customer sees the time and the
  // mode, and only an operator the platform-wide job runs (bill totals, account counts).
  state: protectedProcedure.output(clockStateOutput).query(async ({ ctx }) => {
    const { now, sandbox } = await readClock(ctx.db);
    const { isOperator } = ctx.session;
    return { now, sandbox, canAdvance: sandbox && isOperator, recentRuns: isOperator ? await recentJobRuns(ctx.db, 30) : null };
  }),
  // Moving the clock bills and settles every account at once: operators only, sandbox only.
  advance: protectedProcedure
    .input(z.object({ to: z.string().trim().min(1, '请输入时间') }))
    .output(clockAdvanceOutput)
    .mutation(async ({ ctx, input }) => {
      if (!ctx.session.isOperator) throw new TRPCError({ code: 'FORBIDDEN', message: '无权操作：模拟时钟仅运营人员可以调整' });
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

import { z } from 'zod';
import { epochMs } from '../output-fields';

const jobRun = z.object({ job: z.string(), period: z.string(), detail: z.string() });

export const clockStateOutput = z.object({
  now: epochMs,
  sandbox: z.boolean(),
  /** Whether this user may move it: an operator, in sandbox mode. */
  canAdvance: z.boolean(),
  /** Platform-wide job runs; null for a customer. */
  recentRuns: z.array(jobRun.extend({ ranAt: epochMs })).nullable(),
});

export const clockAdvanceOutput = z.object({ now: epochMs, ran: z.array(jobRun) });

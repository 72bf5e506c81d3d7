import { z } from 'zod';
import { epochMs } from '../output-fields';

const jobRun = z.object({ job: z.string(), period: z.string(), detail: z.string() });

export const clockStateOutput = z.object({
  now: epochMs,
  sandbox: z.boolean(),
  recentRuns: z.array(jobRun.extend({ ranAt: epochMs })),
});

export const clockAdvanceOutput = z.object({ now: epochMs, ran: z.array(jobRun) });

import { z } from 'zod';
import { calls, epochMs, idResult } from '../output-fields';

/** What the 图像分析 page shows: activation, this month's free packs, the default limit. */
export const productStateOutput = z.object({
  now: epochMs,
  beta: z.boolean(),
  activatedAt: epochMs.nullable(),
  inArrears: z.boolean(),
  qps: z.number().int(),
  freePacks: z.array(z.object({ item: z.string(), sizeCalls: calls, usedCalls: calls })),
});

export const activationOutput = z.object({ activatedAt: epochMs.nullable() });

export const contactOutput = idResult;

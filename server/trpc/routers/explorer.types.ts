import { z } from 'zod';
import { calls } from '../output-fields';

// 在线调试: the API's answer to the console's signed call, and what it cost.
export const explorerSendOutput = z.object({
  response: z.unknown(),
  requestId: z.string().nullable(),
  latencyMs: z.number().nonnegative(),
  calls,
});

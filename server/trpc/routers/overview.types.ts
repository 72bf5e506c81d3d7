import { z } from 'zod';
import { calls, epochMs, fen } from '../output-fields';

/** 概览: the account at a glance. */
export const overviewOutput = z.object({
  email: z.string(),
  activatedAt: epochMs.nullable(),
  cashFen: fen,
  frozenFen: fen,
  availableFen: fen,
  inArrears: z.boolean(),
  month: z.string(),
  monthCalls: calls,
  monthChargedCalls: calls,
  monthEstimateFen: fen,
  unread: z.number().int(),
  now: epochMs,
});

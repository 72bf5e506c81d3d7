import { z } from 'zod';
import { calls, epochMs, fen } from '../output-fields';

/** 预计可用天数: see docs/billing-rules.md. */
export const daysLeftOutput = z.object({
  fromDay: z.string(),
  toDay: z.string(),
  /** Exact 元 charged postpaid in the 7 days. */
  windowSpendYuan: z.string(),
  daysLeft: z.discriminatedUnion('status', [
    z.object({ status: z.literal('arrears') }),
    z.object({ status: z.literal('no-spend') }),
    z.object({ status: z.literal('days'), days: z.number().int().nonnegative() }),
  ]),
});

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
  daysLeft: daysLeftOutput,
  now: epochMs,
});

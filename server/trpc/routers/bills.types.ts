import { z } from 'zod';
import { BILL_STANDINGS } from '@/server/queries/bills';
import { calls, epochMs, fen } from '../output-fields';

// What 账单 and 本月预估 show: a bill's amounts and standing, its rated lines.

export const billOutput = z.object({
  id: z.number().int(),
  month: z.string(),
  /** Exact decimal strings (元). */
  subtotal: z.string(),
  precisionAdjustment: z.string(),
  payableFen: fen,
  releasedFen: fen,
  deductedFen: fen,
  frozenFen: fen,
  issuedAt: epochMs,
  settledAt: epochMs.nullable(),
  standing: z.enum(BILL_STANDINGS),
});

/** One rated line as a bill and the 本月预估 both carry it (SPEC §6). */
export const ratedLineOutput = z.object({
  item: z.string(),
  totalCalls: calls,
  freeCalls: calls,
  packCalls: calls,
  chargedCalls: calls,
  /** null: not charged (公测免费 / unpriced item). */
  tier: z.number().int().nullable(),
  unitPrice: z.string(),
  amount: z.string(),
});


export const monthEstimateOutput = z.object({
  month: z.string(),
  now: epochMs,
  payableFen: fen,
  precisionAdjustment: z.string(),
  lines: z.array(ratedLineOutput),
});

/** 账单解读 of one line: each piece with its numbers and its sentence. */
const lineExplanationOutput = z.object({
  item: z.string(),
  itemName: z.string(),
  total: z.object({ calls, tier: z.number().int().nullable(), text: z.string() }),
  free: z.object({ calls, text: z.string() }),
  packs: z.array(z.object({ packLabel: z.string(), calls, text: z.string() })),
  charged: z.object({ calls, unitPrice: z.string(), amount: z.string(), text: z.string() }),
  text: z.array(z.string()),
});

export const billExplanationOutput = z.object({
  lines: z.array(lineExplanationOutput),
  subtotal: z.string(),
  payableFen: fen,
  precisionAdjustment: z.string(),
  text: z.string(),
});

export const billDetailOutput = z.object({
  bill: billOutput,
  lines: z.array(ratedLineOutput),
  estimateFen: fen,
  freezeShortfallFen: fen,
  explanation: billExplanationOutput,
});

import { z } from 'zod';
import { packs } from '@/db/schema';
import type { PackStatus } from '@/server/billing';
import { calls, epochMs, fen } from '../output-fields';

// 图像分析资源包 as the two tabs and the refund dialog show a pack.

const PACK_STATUSES = ['active', 'used_up', 'expired', 'refunded'] as const satisfies readonly PackStatus[];

export const packOutput = z.object({
  id: z.number().int(),
  item: z.string(),
  kind: z.enum(packs.kind.enumValues),
  sizeCalls: calls,
  usedCalls: calls,
  remainingCalls: calls,
  validFrom: epochMs,
  validUntil: epochMs,
  /** What a refund would return. */
  priceFen: fen,
  status: z.enum(PACK_STATUSES),
  statusLabel: z.string(),
  refundable: z.boolean(),
});

export const packListOutput = z.array(packOutput);

export const refundOutput = z.object({ id: z.number().int(), refundedFen: fen });

// 资源包推荐: per item, 12 months postpaid against the cheapest mix of packs.

const advisedMonth = z.object({
  month: z.string(),
  freeCalls: calls,
  packCalls: calls,
  chargedCalls: calls,
  amount: z.string(),
  payableFen: fen,
});

export const itemAdviceOutput = z.object({
  item: z.string(),
  source: z.enum(['history', 'typed']),
  history: z.array(z.object({ month: z.string(), calls })),
  monthlyCalls: calls,
  tier: z.number().int(),
  unitPrice: z.string(),
  postpaidFen: fen,
  plan: z.object({
    packs: z.array(z.object({ size: z.enum(['100k', '1m', '10m']), label: z.string(), quantity: z.number().int(), priceFen: fen })),
    packCalls: calls,
    packFen: fen,
    residualPostpaidFen: fen,
    totalFen: fen,
  }),
  savingFen: fen,
  planMonths: z.array(advisedMonth),
});

export const packAdviceOutput = z.object({
  startMonth: z.string(),
  beta: z.boolean(),
  items: z.array(itemAdviceOutput),
});

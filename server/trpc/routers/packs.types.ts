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

import { z } from 'zod';
import { orders } from '@/db/schema';
import { epochMs, fen } from '../output-fields';
import { pageOf } from '../paging';

// 订单 as the list and the pay dialog show them; the idempotency key and account stay on the server.

export const orderOutput = z.object({
  id: z.string(),
  item: z.string(),
  sizeCode: z.string(),
  quantity: z.number().int(),
  amountFen: fen,
  status: z.enum(orders.status.enumValues),
  createdAt: epochMs,
  expiresAt: epochMs,
});

export const orderPageOutput = pageOf(orderOutput);

export const checkoutOutput = z.object({ beta: z.boolean(), availableFen: fen });

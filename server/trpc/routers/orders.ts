import { z } from 'zod';
import { PACK_QUANTITY_MAX, PACK_QUANTITY_MIN } from '@/lib/catalog';
import { isBetaTime } from '@/lib/period';
import { cancelOrder, createOrder, payOrder } from '@/server/billing';
import { accountBalances } from '@/server/queries/account';
import { getOrder, listOrders } from '@/server/queries/orders';
import { protectedProcedure, router } from '../init';
import { pageInput } from '../paging';
import { checkoutOutput, orderOutput, orderPageOutput } from './orders.types';

const quantityMessage = `购买数量须为 ${PACK_QUANTITY_MIN} 至 ${PACK_QUANTITY_MAX} 的整数`;
const orderRef = z.object({ id: z.string().trim().min(1, '请提供订单号').max(64, '订单号不正确') });

export const ordersRouter = router({
  list: protectedProcedure
    .input(pageInput.optional())
    .output(orderPageOutput)
    .query(async ({ ctx, input }) => listOrders(ctx.db, ctx.accountId, await ctx.now(), input)),
  get: protectedProcedure
    .input(orderRef)
    .output(orderOutput)
    .query(async ({ ctx, input }) => getOrder(ctx.db, ctx.accountId, input.id, await ctx.now())),
  /** What the purchase page and the pay dialog need: can packs be bought now, and with how much. */
  checkout: protectedProcedure.output(checkoutOutput).query(async ({ ctx }) => ({
    beta: isBetaTime(await ctx.now()),
    availableFen: (await accountBalances(ctx.db, ctx.accountId)).availableFen,
  })),
  create: protectedProcedure
    .input(
      z.object({
        item: z.string({ error: '请选择服务' }).min(1, '请选择服务'),
        sizeCode: z.string({ error: '请选择资源包规格' }).min(1, '请选择资源包规格'),
        quantity: z
          .number({ error: quantityMessage })
          .int(quantityMessage)
          .min(PACK_QUANTITY_MIN, quantityMessage)
          .max(PACK_QUANTITY_MAX, quantityMessage),
        idempotencyKey: z.string().trim().min(16, '请求标识不正确').max(64, '请求标识不正确'),
      }),
    )
    .output(orderOutput)
    .mutation(async ({ ctx, input }) => createOrder(ctx.db, { accountId: ctx.accountId, ...input, now: await ctx.now() })),
  pay: protectedProcedure
    .input(orderRef)
    .output(orderOutput)
    .mutation(async ({ ctx, input }) => payOrder(ctx.db, { accountId: ctx.accountId, orderId: input.id, now: await ctx.now() })),
  cancel: protectedProcedure
    .input(orderRef)
    .output(orderOutput)
    .mutation(async ({ ctx, input }) => cancelOrder(ctx.db, { accountId: ctx.accountId, orderId: input.id, now: await ctx.now() })),
});

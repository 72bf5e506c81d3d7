import { z } from 'zod';
import { PACK_STATUS_LABELS, refundPack } from '@/server/billing';
import { listPacks } from '@/server/queries/packs';
import { protectedProcedure, router } from '../init';
import { packListOutput, refundOutput } from './packs.types';

export const packsRouter = router({
  /** Free and prepaid packs, newest first; the page splits them into its two tabs. */
  list: protectedProcedure.output(packListOutput).query(async ({ ctx }) => {
    const packs = await listPacks(ctx.db, ctx.accountId, await ctx.now());
    return packs.map((p) => ({ ...p, statusLabel: PACK_STATUS_LABELS[p.status] }));
  }),
  refund: protectedProcedure
    .input(z.object({ packId: z.number({ error: '资源包不存在' }).int().positive('资源包不存在') }))
    .output(refundOutput)
    .mutation(async ({ ctx, input }) => {
      const pack = await refundPack(ctx.db, { accountId: ctx.accountId, packId: input.packId, now: await ctx.now() });
      return { id: pack.id, refundedFen: pack.priceFen };
    }),
});

import { z } from 'zod';
import { PACK_STATUS_LABELS, listPacks, refundPack } from '@/server/billing';
import { protectedProcedure, router } from '../init';

export const packsRouter = router({
  /** Free and prepaid packs, newest first; the page splits them into its two tabs. */
  list: protectedProcedure.query(({ ctx }) =>
    listPacks(ctx.db, ctx.accountId, ctx.now()).map((p) => ({ ...p, statusLabel: PACK_STATUS_LABELS[p.status] })),
  ),
  refund: protectedProcedure
    .input(z.object({ packId: z.number({ error: '资源包不存在' }).int().positive('资源包不存在') }))
    .mutation(({ ctx, input }) => {
      const pack = refundPack(ctx.db, { accountId: ctx.accountId, packId: input.packId, now: ctx.now() });
      return { id: pack.id, refundedFen: pack.priceFen };
    }),
});

import { z } from 'zod';
import { PACK_STATUS_LABELS, refundPack } from '@/server/billing';
import { ITEM_LIST, type ItemCode } from '@/lib/catalog';
import { MAX_ADVISED_MONTHLY_CALLS } from '@/lib/pricing/month-cost';
import { packAdvice } from '@/server/queries/pack-advice';
import { listPacks } from '@/server/queries/packs';
import { protectedProcedure, router } from '../init';
import { packAdviceOutput, packListOutput, refundOutput } from './packs.types';

const PACK_ITEM_CODES = ITEM_LIST.filter((i) => i.packGroup !== null).map((i) => i.code) as [ItemCode, ...ItemCode[]];

// A monthly volume typed into 资源包推荐: whole calls, as digits (no float parsing).
const typedVolume = z.object({
  item: z.enum(PACK_ITEM_CODES, { error: '请选择服务' }),
  monthlyCalls: z
    .string({ error: '请输入每月调用量' })
    .trim()
    .regex(/^\d{1,10}$/, '每月调用量须为整数次')
    .transform(Number)
    .refine((n) => n <= MAX_ADVISED_MONTHLY_CALLS, `每月调用量最多 ${MAX_ADVISED_MONTHLY_CALLS.toLocaleString('en-US')} 次`),
});

export const packsRouter = router({
  /** Free and prepaid packs, newest first; the page splits them into its two tabs. */
  list: protectedProcedure.output(packListOutput).query(async ({ ctx }) => {
    const packs = await listPacks(ctx.db, ctx.accountId, await ctx.now());
    return packs.map((p) => ({ ...p, statusLabel: PACK_STATUS_LABELS[p.status] }));
  }),
  /** 资源包推荐: from the last 3 complete months, or from the volume typed for one item. */
  advice: protectedProcedure
    .input(z.object({ typed: typedVolume.nullable() }))
    .output(packAdviceOutput)
    .query(async ({ ctx, input }) => packAdvice(ctx.db, ctx.accountId, await ctx.now(), input.typed ?? undefined)),
  refund: protectedProcedure
    .input(z.object({ packId: z.number({ error: '资源包不存在' }).int().positive('资源包不存在') }))
    .output(refundOutput)
    .mutation(async ({ ctx, input }) => {
      const pack = await refundPack(ctx.db, { accountId: ctx.accountId, packId: input.packId, now: await ctx.now() });
      return { id: pack.id, refundedFen: pack.priceFen };
    }),
});

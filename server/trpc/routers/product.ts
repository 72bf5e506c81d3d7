import { contactSchema } from '@/lib/contact';
import { isBetaTime, monthOf } from '@/lib/period';
import { activateAccount } from '@/server/billing';
import { defaultQpsFromEnv } from '@/server/gateway/qps-limit';
import { recordContactRequest } from '@/server/product/contact';
import { accountSummary } from '@/server/queries/account';
import { monthFreePacks } from '@/server/queries/packs';
import { protectedProcedure, router } from '../init';
import { activationOutput, contactOutput, productStateOutput } from './product.types';

export const productRouter = router({
  /** What the 图像分析 page shows: activation state, this month's free packs, the default limit. */
  state: protectedProcedure.output(productStateOutput).query(async ({ ctx }) => {
    const now = await ctx.now();
    const [account, freePacks] = await Promise.all([accountSummary(ctx.db, ctx.accountId), monthFreePacks(ctx.db, ctx.accountId, monthOf(now))]);
    return {
      now,
      beta: isBetaTime(now),
      activatedAt: account.activatedAt,
      inArrears: account.inArrears,
      qps: account.qpsLimit ?? defaultQpsFromEnv(process.env),
      freePacks,
    };
  }),
  activate: protectedProcedure.output(activationOutput).mutation(async ({ ctx }) => {
    const account = await activateAccount(ctx.db, ctx.accountId, await ctx.now());
    return { activatedAt: account.activatedAt };
  }),
  contact: protectedProcedure
    .input(contactSchema)
    .output(contactOutput)
    .mutation(async ({ ctx, input }) => recordContactRequest(ctx.db, { accountId: ctx.accountId, ...input, now: await ctx.now() })),
});

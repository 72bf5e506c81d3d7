import { and, eq } from 'drizzle-orm';
import { accounts, packs } from '@/db/schema';
import { contactSchema } from '@/lib/contact';
import { isBetaTime, monthOf } from '@/lib/period';
import { activateAccount } from '@/server/billing';
import { defaultQpsFromEnv } from '@/server/gateway/qps-limit';
import { recordContactRequest } from '@/server/product/contact';
import { protectedProcedure, router } from '../init';

export const productRouter = router({
  /** What the 图像分析 page shows: activation state, this month's free packs, the default limit. */
  state: protectedProcedure.query(({ ctx }) => {
    const now = ctx.now();
    const month = monthOf(now);
    const account = ctx.db.select().from(accounts).where(eq(accounts.id, ctx.accountId)).get()!;
    const freePacks = ctx.db
      .select({ item: packs.item, sizeCalls: packs.sizeCalls, usedCalls: packs.usedCalls })
      .from(packs)
      .where(and(eq(packs.accountId, ctx.accountId), eq(packs.kind, 'free'), eq(packs.month, month)))
      .all();
    return {
      now,
      beta: isBetaTime(now),
      activatedAt: account.activatedAt,
      inArrears: account.inArrears,
      qps: account.qpsLimit ?? defaultQpsFromEnv(process.env),
      freePacks,
    };
  }),
  activate: protectedProcedure.mutation(({ ctx }) => {
    const account = activateAccount(ctx.db, ctx.accountId, ctx.now());
    return { activatedAt: account.activatedAt };
  }),
  contact: protectedProcedure.input(contactSchema).mutation(({ ctx, input }) => {
    const { id } = recordContactRequest(ctx.db, { accountId: ctx.accountId, ...input, now: ctx.now() });
    return { id };
  }),
});

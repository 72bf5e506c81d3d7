import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { protectedProcedure, router } from '../init';

export const overviewRouter = router({
  state: protectedProcedure.query(({ ctx }) => {
    const account = ctx.db.select().from(accounts).where(eq(accounts.id, ctx.accountId)).get()!;
    return {
      email: ctx.session.email,
      activatedAt: account.activatedAt,
      cashFen: account.cashFen,
      frozenFen: account.frozenFen,
      availableFen: account.cashFen - account.frozenFen,
      inArrears: account.inArrears,
      now: ctx.now(),
    };
  }),
});

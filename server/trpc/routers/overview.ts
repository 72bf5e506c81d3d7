import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { monthEstimate } from '@/server/billing';
import { unreadCount } from '@/server/notifications';
import { protectedProcedure, router } from '../init';

export const overviewRouter = router({
  /** The account at a glance: activation, money, this month so far, unread messages. */
  state: protectedProcedure.query(({ ctx }) => {
    const now = ctx.now();
    const account = ctx.db.select().from(accounts).where(eq(accounts.id, ctx.accountId)).get()!;
    const estimate = monthEstimate(ctx.db, ctx.accountId, now);
    return {
      email: ctx.session.email,
      activatedAt: account.activatedAt,
      cashFen: account.cashFen,
      frozenFen: account.frozenFen,
      availableFen: account.cashFen - account.frozenFen,
      inArrears: account.inArrears,
      month: estimate.month,
      monthCalls: estimate.lines.reduce((n, l) => n + l.totalCalls, 0),
      monthChargedCalls: estimate.lines.reduce((n, l) => n + l.chargedCalls, 0),
      monthEstimateFen: estimate.payableFen,
      unread: unreadCount(ctx.db, ctx.accountId),
      now,
    };
  }),
});

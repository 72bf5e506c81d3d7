import { accountSummary } from '@/server/queries/account';
import { monthEstimate } from '@/server/queries/bills';
import { daysLeftReport } from '@/server/queries/days-left';
import { unreadCount } from '@/server/queries/notifications';
import { protectedProcedure, router } from '../init';
import { overviewOutput } from './overview.types';

export const overviewRouter = router({
  /** The account at a glance: activation, money, this month so far, 预计可用天数, unread messages. */
  state: protectedProcedure.output(overviewOutput).query(async ({ ctx }) => {
    const now = await ctx.now();
    const [account, estimate, unread] = await Promise.all([
      accountSummary(ctx.db, ctx.accountId),
      monthEstimate(ctx.db, ctx.accountId, now),
      unreadCount(ctx.db, ctx.accountId),
    ]);
    const daysLeft = await daysLeftReport(ctx.db, ctx.accountId, now, account);
    return {
      email: ctx.session.email,
      activatedAt: account.activatedAt,
      cashFen: account.cashFen,
      frozenFen: account.frozenFen,
      availableFen: account.availableFen,
      inArrears: account.inArrears,
      month: estimate.month,
      monthCalls: estimate.lines.reduce((n, l) => n + l.totalCalls, 0),
      monthChargedCalls: estimate.lines.reduce((n, l) => n + l.chargedCalls, 0),
      monthEstimateFen: estimate.payableFen,
      unread,
      daysLeft,
      now,
    };
  }),
});

import { z } from 'zod';
import { ITEM_CODES } from '@/lib/catalog';
import { isMonth, monthOf } from '@/lib/period';
import { usageMonths, usageReport } from '@/server/queries/usage';
import { protectedProcedure, router } from '../init';

const reportInput = z.object({
  month: z.string().refine(isMonth, '月份格式应为 YYYY-MM'),
  item: z.enum(ITEM_CODES, '不支持的服务').optional(),
});

export const usageRouter = router({
  /** The month picker: months with usage plus the current app month, newest first. */
  months: protectedProcedure.query(({ ctx }) => {
    const current = monthOf(ctx.now());
    const months = new Set([current, ...usageMonths(ctx.db, ctx.accountId)]);
    return { current, months: [...months].sort().reverse() };
  }),
  report: protectedProcedure.input(reportInput).query(({ ctx, input }) => usageReport(ctx.db, ctx.accountId, input.month, input.item)),
});

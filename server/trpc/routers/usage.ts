import { z } from 'zod';
import { ITEM_CODES } from '@/lib/catalog';
import { isMonth, monthOf } from '@/lib/period';
import { usageMonths, usageReport } from '@/server/queries/usage';
import { protectedProcedure, router } from '../init';
import { usageMonthsOutput, usageReportOutput } from './usage.types';

const reportInput = z.object({
  month: z.string().refine(isMonth, '月份格式应为 YYYY-MM'),
  item: z.enum(ITEM_CODES, '不支持的服务').optional(),
});

export const usageRouter = router({
  /** The month picker: months with usage plus the current app month, newest first. */
  months: protectedProcedure.output(usageMonthsOutput).query(async ({ ctx }) => {
    const current = monthOf(await ctx.now());
    const months = new Set([current, ...(await usageMonths(ctx.db, ctx.accountId))]);
    return { current, months: [...months].sort().reverse() };
  }),
  report: protectedProcedure
    .input(reportInput)
    .output(usageReportOutput)
    .query(({ ctx, input }) => usageReport(ctx.db, ctx.accountId, input.month, input.item)),
});

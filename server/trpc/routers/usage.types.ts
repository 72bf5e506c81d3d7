import { z } from 'zod';
import { ITEM_CODES } from '@/lib/catalog';
import { calls } from '../output-fields';

// 用量统计: the month picker and one month's report.

export const usageMonthsOutput = z.object({ current: z.string(), months: z.array(z.string()) });

const usageCounts = z.object({ totalCalls: calls, freeCalls: calls, packCalls: calls, chargedCalls: calls });

export const usageReportOutput = z.object({
  month: z.string(),
  /** Beta months' calls were charged ¥0 (公测免费) even where they count as 计费调用量. */
  beta: z.boolean(),
  rows: z.array(usageCounts.extend({ day: z.string(), item: z.enum(ITEM_CODES) })),
  totals: usageCounts,
});

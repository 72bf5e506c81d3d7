import type { RouterOutputs } from '@/components/trpc';

/** 用量统计 of one month, as the usage procedure sends it. */
export type UsageReport = RouterOutputs['usage']['report'];
export type DailyUsageRow = UsageReport['rows'][number];

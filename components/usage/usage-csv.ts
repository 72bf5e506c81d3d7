import type { CsvCell } from '@/lib/csv';
import type { ItemCode } from '@/lib/catalog';
import { serviceLabel } from './service-label';
import type { UsageReport } from './usage-report';

export const USAGE_CSV_HEADER = ['日期', '服务', '总调用量', '免费资源包', '预付费资源包', '计费调用量'];

/** Every row of the report (not just the page shown) and the 合计 row, counts as plain integers. */
export function usageCsvRows(report: UsageReport, item: ItemCode | null): CsvCell[][] {
  const rows: CsvCell[][] = report.rows.map((r) => [r.day, serviceLabel(r.item), r.totalCalls, r.freeCalls, r.packCalls, r.chargedCalls]);
  const t = report.totals;
  return [...rows, ['合计', serviceLabel(item), t.totalCalls, t.freeCalls, t.packCalls, t.chargedCalls]];
}

import { BETA_FREE_LABEL, ITEMS, TIER_LABELS, isItemCode, type Tier } from '@/lib/catalog';
import type { RouterOutputs } from '@/components/trpc';
import type { CsvCell } from '@/lib/csv';

/** One rated line as a bill and the 本月预估 both carry it (SPEC §6). */
export type RatedBillLine = RouterOutputs['bills']['get']['lines'][number];

export function itemName(item: string): string {
  return isItemCode(item) ? ITEMS[item].name : item;
}

export function tierLabel(tier: number | null): string {
  return tier === null ? BETA_FREE_LABEL : TIER_LABELS[tier as Tier];
}

export const BILL_LINE_CSV_HEADER = ['服务', '总调用量', '免费资源包抵扣', '预付费资源包抵扣', '计费调用量', '阶梯', '单价（元/千次）', '金额（元）'];

export function billLineCsvRow(l: RatedBillLine): CsvCell[] {
  return [itemName(l.item), l.totalCalls, l.freeCalls, l.packCalls, l.chargedCalls, tierLabel(l.tier), l.tier === null ? '' : l.unitPrice, l.amount];
}

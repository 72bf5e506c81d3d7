import { ITEMS, ITEM_CODES, type ItemCode } from '@/lib/catalog';
import { daysInMonth, type Month } from '@/lib/period';
import type { DailyUsageRow } from './usage-report';

export type ChartMode = 'item' | 'split';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/** One bar per day of the month, keyed by series; days without calls are zeros so the axis stays whole. */
export type ChartDatum = { day: string } & Record<string, number | string>;

const ITEM_COLORS: Record<ItemCode, string> = {
  label: '#006eff',
  product: '#29cc85',
  celebrity: '#ffbb00',
  car: '#ff584c',
  porn: '#9741d9',
  politics: '#1fc0cc',
  terrorism: '#7f8fa4',
  crop: '#ff9c19',
  quality: '#3a5bd9',
  enhance: '#f5317f',
};

const SPLIT_SERIES: (ChartSeries & { key: 'freeCalls' | 'packCalls' | 'chargedCalls' })[] = [
  { key: 'freeCalls', name: '免费资源包', color: '#29cc85' },
  { key: 'packCalls', name: '预付费资源包', color: '#006eff' },
  { key: 'chargedCalls', name: '计费调用量', color: '#ff7200' },
];

function seriesOf(rows: readonly DailyUsageRow[], mode: ChartMode): ChartSeries[] {
  if (mode === 'split') return SPLIT_SERIES;
  const used = new Set(rows.map((r) => r.item));
  return ITEM_CODES.filter((c) => used.has(c)).map((c) => ({ key: c, name: ITEMS[c].name, color: ITEM_COLORS[c] }));
}

/** Shapes 用量统计 rows for a stacked bar chart: by item, or by free / pack / charged. */
export function chartData(rows: readonly DailyUsageRow[], month: Month, mode: ChartMode): { data: ChartDatum[]; series: ChartSeries[] } {
  const series = seriesOf(rows, mode);
  const data: ChartDatum[] = Array.from({ length: daysInMonth(month) }, (_, i) => {
    const datum: ChartDatum = { day: `${month}-${String(i + 1).padStart(2, '0')}` };
    for (const s of series) datum[s.key] = 0;
    return datum;
  });
  for (const r of rows) {
    const datum = data[Number(r.day.slice(8, 10)) - 1];
    if (mode === 'item') datum[r.item] = (datum[r.item] as number) + r.totalCalls;
    else for (const s of SPLIT_SERIES) datum[s.key] = (datum[s.key] as number) + r[s.key];
  }
  return { data, series };
}

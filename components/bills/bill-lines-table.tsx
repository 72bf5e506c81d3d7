import { DataTable, type Column } from '@/components/ui/table';
import { formatCalls, formatExactCny } from '@/lib/money';
import { itemName, tierLabel, type RatedBillLine } from './bill-lines';

const COLUMNS: Column<RatedBillLine>[] = [
  { key: 'item', header: '服务', render: (l) => itemName(l.item) },
  { key: 'total', header: '总调用量', align: 'right', render: (l) => formatCalls(l.totalCalls) },
  { key: 'free', header: '免费资源包抵扣', align: 'right', render: (l) => formatCalls(l.freeCalls) },
  { key: 'pack', header: '预付费资源包抵扣', align: 'right', render: (l) => formatCalls(l.packCalls) },
  { key: 'charged', header: '计费调用量', align: 'right', render: (l) => formatCalls(l.chargedCalls) },
  { key: 'tier', header: '阶梯', render: (l) => <span className={l.tier === null ? 'text-success' : ''}>{tierLabel(l.tier)}</span> },
  { key: 'unit', header: '单价（元/千次）', align: 'right', render: (l) => (l.tier === null ? '—' : l.unitPrice) },
  { key: 'amount', header: '金额', align: 'right', render: (l) => formatExactCny(l.amount) },
];

/** The lines of SPEC §6; each row carries `<testIdPrefix><item>` (e.g. bill-line-label). */
export function BillLinesTable({ lines, testIdPrefix, empty = '本月暂无调用' }: { lines: RatedBillLine[]; testIdPrefix: string; empty?: string }) {
  return <DataTable columns={COLUMNS} rows={lines} rowKey={(l) => l.item} rowTestId={(l) => `${testIdPrefix}${l.item}`} empty={empty} />;
}

'use client';

import { useState } from 'react';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, type Column } from '@/components/ui/table';
import { BETA_FREE_LABEL, ITEMS, type ItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { serviceLabel } from './service-label';
import type { DailyUsageRow, UsageReport } from './usage-report';

const PAGE_SIZE = 30;

type TableRow = Omit<DailyUsageRow, 'item'> & { item: ItemCode | null; isTotal?: boolean };

function chargedCell(row: TableRow, beta: boolean) {
  // Beta months and unpriced items are metered as postpaid but rated at ¥0.
  const free = row.chargedCalls > 0 && (beta || (row.item !== null && !ITEMS[row.item].billable));
  return (
    <>
      {formatCalls(row.chargedCalls)}
      {free ? <span className="ml-1 text-xs text-muted">（{BETA_FREE_LABEL}）</span> : null}
    </>
  );
}

function columns(beta: boolean): Column<TableRow>[] {
  const cells: Column<TableRow>[] = [
    { key: 'day', header: '日期', render: (r) => <span className="tabular">{r.day}</span> },
    { key: 'item', header: '服务', render: (r) => serviceLabel(r.item) },
    { key: 'total', header: '总调用量', align: 'right', render: (r) => formatCalls(r.totalCalls) },
    { key: 'free', header: '免费资源包', align: 'right', render: (r) => formatCalls(r.freeCalls) },
    { key: 'pack', header: '预付费资源包', align: 'right', render: (r) => formatCalls(r.packCalls) },
    { key: 'charged', header: '计费调用量', align: 'right', render: (r) => chargedCell(r, beta) },
  ];
  // The 合计 row is set in bold so it does not read as one more day.
  return cells.map((c) => ({ ...c, render: (r) => (r.isTotal ? <span className="font-semibold">{c.render(r)}</span> : c.render(r)) }));
}

/** Calls per day and item, a page at a time, each page closed by the month's 合计 row. */
export function UsageTable({ report, item }: { report: UsageReport; item: ItemCode | null }) {
  const [page, setPage] = useState(1);
  const total: TableRow = { day: '合计', item, ...report.totals, isTotal: true };
  const rows: TableRow[] = [...report.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total];
  return (
    <>
      <DataTable
        testId="usage-table"
        columns={columns(report.beta)}
        rows={rows}
        rowKey={(r) => (r.isTotal ? 'total' : `${r.day}-${r.item}`)}
        rowTestId={(r) => (r.isTotal ? 'usage-total' : `usage-row-${r.day}-${r.item}`)}
      />
      {report.rows.length > PAGE_SIZE ? <Pagination page={page} pageSize={PAGE_SIZE} total={report.rows.length} onChange={setPage} /> : null}
    </>
  );
}

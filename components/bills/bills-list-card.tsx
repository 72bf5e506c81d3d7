'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { CsvButton } from '@/components/ui/csv-button';
import { LoadError, Loading } from '@/components/ui/loading';
import { DataTable, type Column } from '@/components/ui/table';
import type { CsvCell } from '@/lib/csv';
import { fenToYuan, formatCnyFen } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { BillStandingBadge, billStandingLabel } from './bill-standing';

type BillRow = RouterOutputs['bills']['list'][number];

const COLUMNS: Column<BillRow>[] = [
  { key: 'month', header: '账单月份', render: (b) => <span className="tabular">{b.month}</span> },
  { key: 'payable', header: '应付金额', align: 'right', render: (b) => formatCnyFen(b.payableFen) },
  { key: 'deducted', header: '已扣款', align: 'right', render: (b) => formatCnyFen(b.deductedFen) },
  { key: 'standing', header: '状态', render: (b) => <BillStandingBadge standing={b.standing} /> },
  { key: 'issued', header: '出账时间', render: (b) => <span className="tabular">{formatDateTime(b.issuedAt)}</span> },
  {
    key: 'view',
    header: '操作',
    render: (b) => (
      <Link href={`/billing/bills/${b.id}`} className="text-brand hover:underline">
        查看
      </Link>
    ),
  },
];

const CSV_HEADER = ['账单月份', '应付金额（元）', '状态', '出账时间（UTC+8）', '解冻（元）', '扣款（元）', '冻结（元）'];

function csvRow(b: BillRow): CsvCell[] {
  return [b.month, fenToYuan(b.payableFen), billStandingLabel(b.standing), formatDateTime(b.issuedAt), fenToYuan(b.releasedFen), fenToYuan(b.deductedFen), fenToYuan(b.frozenFen)];
}

export function BillsListCard() {
  const trpc = useTRPC();
  const bills = useQuery(trpc.bills.list.queryOptions());
  return (
    <Card
      title="月度账单"
      extra={<CsvButton filename="账单列表.csv" header={CSV_HEADER} rows={() => (bills.data ?? []).map(csvRow)} disabled={!bills.data?.length} />}
    >
      {bills.isPending ? (
        <Loading />
      ) : bills.isError ? (
        <LoadError message={bills.error.message} />
      ) : (
        <DataTable columns={COLUMNS} rows={bills.data} rowKey={(b) => b.id} rowTestId={(b) => `bill-row-${b.month}`} empty="暂无账单：每月 1 日 01:00（UTC+8）后出具上月账单" />
      )}
    </Card>
  );
}

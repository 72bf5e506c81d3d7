'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { CsvButton } from '@/components/ui/csv-button';
import { LoadError, Loading } from '@/components/ui/loading';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, type Column } from '@/components/ui/table';
import type { CsvCell } from '@/lib/csv';
import { fenToYuan, formatCnyFen } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { LEDGER_TYPE_LABELS, type LedgerEntry } from './ledger-types';

const PAGE_SIZE = 20;

function signed(fen: number) {
  return formatCnyFen(fen, { plusSign: true });
}

/** Cash and frozen deltas of one entry; a freeze moves no cash, a payment no frozen money. */
function Deltas({ entry }: { entry: LedgerEntry }) {
  return (
    <div className="flex flex-col items-end">
      {entry.cashDeltaFen !== 0 ? <span className={entry.cashDeltaFen < 0 ? 'text-danger' : 'text-success'}>{signed(entry.cashDeltaFen)}</span> : null}
      {entry.frozenDeltaFen !== 0 ? <span className="text-muted">冻结 {signed(entry.frozenDeltaFen)}</span> : null}
    </div>
  );
}

const COLUMNS: Column<LedgerEntry>[] = [
  { key: 'time', header: '时间', render: (e) => <span className="tabular">{formatDateTime(e.createdAt)}</span> },
  { key: 'type', header: '类型', render: (e) => LEDGER_TYPE_LABELS[e.type] },
  { key: 'amount', header: '金额', align: 'right', render: (e) => <Deltas entry={e} /> },
  {
    key: 'balance',
    header: '现金余额',
    align: 'right',
    render: (e) => (
      <div className="flex flex-col items-end">
        <span>{formatCnyFen(e.cashAfterFen)}</span>
        {e.frozenAfterFen !== 0 ? <span className="text-xs text-muted">冻结 {formatCnyFen(e.frozenAfterFen)}</span> : null}
      </div>
    ),
  },
  { key: 'note', header: '备注', render: (e) => <span className="text-muted">{e.note}</span> },
];

const CSV_HEADER = ['时间（UTC+8）', '类型', '现金变动（元）', '冻结变动（元）', '现金余额（元）', '冻结金额（元）', '备注'];

function csvRow(e: LedgerEntry): CsvCell[] {
  return [formatDateTime(e.createdAt), LEDGER_TYPE_LABELS[e.type], fenToYuan(e.cashDeltaFen), fenToYuan(e.frozenDeltaFen), fenToYuan(e.cashAfterFen), fenToYuan(e.frozenAfterFen), e.note];
}

export function LedgerCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const ledger = useQuery({ ...trpc.account.ledger.queryOptions({ page, pageSize: PAGE_SIZE }), placeholderData: (previous) => previous });

  // The export holds every entry, not only the page on screen.
  const allRows = async () => (await queryClient.fetchQuery({ ...trpc.account.ledgerAll.queryOptions(), staleTime: 0 })).map(csvRow);

  return (
    <Card
      title="收支明细"
      extra={<CsvButton filename="收支明细.csv" header={CSV_HEADER} rows={allRows} disabled={!ledger.data?.total} />}
    >
      {ledger.isPending ? (
        <Loading />
      ) : ledger.isError ? (
        <LoadError message={ledger.error.message} />
      ) : (
        <>
          <DataTable columns={COLUMNS} rows={ledger.data.rows} rowKey={(e) => e.id} rowTestId={() => 'ledger-row'} empty="暂无收支记录" />
          <Pagination page={ledger.data.page} pageSize={ledger.data.pageSize} total={ledger.data.total} onChange={setPage} />
        </>
      )}
    </Card>
  );
}

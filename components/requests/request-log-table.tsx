'use client';

import { DataTable, type Column } from '@/components/ui/table';
import type { RouterOutputs } from '@/components/trpc';
import { formatCalls } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { resultLabel } from './request-result';

export type RequestLogRow = RouterOutputs['requests']['list']['rows'][number];

const COLUMNS: Column<RequestLogRow>[] = [
  { key: 'at', header: '时间', render: (r) => <span className="tabular whitespace-nowrap">{formatDateTime(r.at)}</span> },
  { key: 'action', header: '接口', render: (r) => r.action ?? <span className="text-muted">—</span> },
  { key: 'secretId', header: 'SecretId', render: (r) => (r.secretId ? <code className="tabular text-xs whitespace-nowrap">{r.secretId}</code> : <span className="text-muted">—</span>) },
  {
    key: 'outcome',
    header: '结果',
    render: (r) => <span data-testid="request-result" className={r.outcome === 'OK' ? 'text-success' : 'text-danger'}>{resultLabel(r.outcome)}</span>,
  },
  { key: 'calls', header: '计量调用量（次）', align: 'right', render: (r) => <span className="tabular">{formatCalls(r.calls)}</span> },
  { key: 'latency', header: '耗时（毫秒）', align: 'right', render: (r) => <span className="tabular">{r.latencyMs === null ? '—' : r.latencyMs.toFixed(1)}</span> },
  { key: 'requestId', header: 'RequestId', render: (r) => <code className="tabular text-xs whitespace-nowrap">{r.requestId}</code> },
];

/** 请求日志's table, also API 密钥's 访问记录. */
export function RequestLogTable({ rows, testId = 'request-log', empty }: { rows: RequestLogRow[]; testId?: string; empty: string }) {
  return <DataTable columns={COLUMNS} rows={rows} rowKey={(r) => r.requestId} testId={testId} rowTestId={(r) => `request-${r.requestId}`} empty={empty} />;
}

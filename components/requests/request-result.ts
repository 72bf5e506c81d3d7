import type { CsvCell } from '@/lib/csv';
import { formatDateTime } from '@/lib/period';
import type { RequestLogRow } from './request-log-table';

/** 成功, or the error code itself (what the SDKs raise and the docs index). */
export function resultLabel(outcome: string): string {
  return outcome === 'OK' ? '成功' : outcome;
}

export const REQUEST_CSV_HEADER = ['时间', '接口', 'SecretId', '结果', '计量调用量', '耗时（毫秒）', 'RequestId'];

export function requestCsvRows(rows: RequestLogRow[]): CsvCell[][] {
  return rows.map((r) => [formatDateTime(r.at), r.action, r.secretId, resultLabel(r.outcome), r.calls, r.latencyMs, r.requestId]);
}

'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { CsvButton } from '@/components/ui/csv-button';
import { LoadError, Loading } from '@/components/ui/loading';
import { Pagination } from '@/components/ui/pagination';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { ITEM_LIST } from '@/lib/catalog';
import { RequestLogTable } from './request-log-table';
import { REQUEST_CSV_HEADER, requestCsvRows } from './request-result';

const ACTIONS = [...new Set(ITEM_LIST.map((i) => i.action))];
const ACTION_OPTIONS = [{ value: '', label: '全部接口' }, ...ACTIONS.map((a) => ({ value: a, label: a }))];
const PAGE_SIZE = 20;

export interface RequestLogFilter {
  action?: string;
  secretId?: string;
  result?: string;
  day?: string;
}

export function RequestLogPanel({ initial }: { initial: RequestLogFilter }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilterState] = useState<RequestLogFilter>(initial);
  const [page, setPage] = useState(1);
  const setFilter = (patch: RequestLogFilter) => {
    setFilterState((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as RequestLogFilter;
  const options = useQuery(trpc.requests.filters.queryOptions());
  const list = useQuery({ ...trpc.requests.list.queryOptions({ ...clean, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });

  const keyOptions = [{ value: '', label: '全部密钥' }, ...(options.data?.secretIds ?? []).map((s) => ({ value: s, label: s }))];
  const resultOptions = [
    { value: '', label: '全部结果' },
    { value: 'OK', label: '成功' },
    { value: 'ERROR', label: '全部失败' },
    ...(options.data?.errorCodes ?? []).map((c) => ({ value: c, label: c })),
  ];

  return (
    <div className="flex flex-col gap-4 p-6">
      <Alert>请求日志保留最近 30 天的每一次 API 请求，包括失败的请求；计量调用量以计费记录为准，失败的请求不计量。</Alert>
      <Card>
        <div className="flex flex-wrap items-end gap-4">
          <SelectField label="接口" className="w-48" value={filter.action ?? ''} onChange={(e) => setFilter({ action: e.target.value })} options={ACTION_OPTIONS} />
          <SelectField label="密钥" className="w-72" value={filter.secretId ?? ''} onChange={(e) => setFilter({ secretId: e.target.value })} options={keyOptions} />
          <SelectField label="结果" className="w-72" value={filter.result ?? ''} onChange={(e) => setFilter({ result: e.target.value })} options={resultOptions} />
          <TextField label="日期" type="date" className="w-44" value={filter.day ?? ''} onChange={(e) => setFilter({ day: e.target.value })} />
          <div className="ml-auto">
            <CsvButton
              filename="请求日志.csv"
              header={REQUEST_CSV_HEADER}
              rows={async () => requestCsvRows(await queryClient.fetchQuery(trpc.requests.export.queryOptions(clean)))}
              disabled={!list.data?.total}
            />
          </div>
        </div>
      </Card>
      <Card title="请求记录">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError message={list.error.message} />
        ) : (
          <>
            <RequestLogTable rows={list.data.rows} empty="最近 30 天没有符合条件的请求" />
            <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onChange={setPage} />
          </>
        )}
      </Card>
    </div>
  );
}

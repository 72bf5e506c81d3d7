'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { CsvButton } from '@/components/ui/csv-button';
import { LoadError, Loading } from '@/components/ui/loading';
import { SelectField } from '@/components/ui/select-field';
import { Stat } from '@/components/ui/stat';
import { BETA_FREE_LABEL, ITEM_LIST, isItemCode, type ItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { monthParts, type Month } from '@/lib/period';
import type { ChartMode } from './chart-data';
import { USAGE_CSV_HEADER, usageCsvRows } from './usage-csv';
import { UsageChart } from './usage-chart';
import type { UsageReport } from './usage-report';
import { UsageTable } from './usage-table';

const ITEM_OPTIONS = [{ value: '', label: '全部服务' }, ...ITEM_LIST.map((i) => ({ value: i.code, label: i.name }))];
const MODE_OPTIONS: { value: ChartMode; label: string }[] = [
  { value: 'item', label: '按服务' },
  { value: 'split', label: '按抵扣方式（免费 / 预付费 / 计费）' },
];

function monthLabel(m: Month, current: Month): string {
  const { year, month } = monthParts(m);
  return `${year}年${month}月${m === current ? '（本月）' : ''}`;
}

export function UsagePanel() {
  const trpc = useTRPC();
  const months = useQuery(trpc.usage.months.queryOptions());
  const [chosenMonth, setMonth] = useState<Month | null>(null);
  const [item, setItem] = useState<ItemCode | null>(null);
  const [mode, setMode] = useState<ChartMode>('item');
  const month = chosenMonth ?? months.data?.current;
  const report = useQuery({
    ...trpc.usage.report.queryOptions({ month: month ?? '', item: item ?? undefined }),
    enabled: month !== undefined,
    placeholderData: keepPreviousData,
  });

  if (months.isPending) return <Loading />;
  if (months.isError) return <LoadError message={months.error.message} />;
  const { current } = months.data;

  return (
    <div className="flex flex-col gap-4 p-6">
      <Card>
        <div className="flex flex-wrap items-end gap-4">
          <SelectField label="月份" className="w-48" value={month} onChange={(e) => setMonth(e.target.value)} options={months.data.months.map((m) => ({ value: m, label: monthLabel(m, current) }))} />
          <SelectField label="服务" className="w-48" value={item ?? ''} onChange={(e) => setItem(isItemCode(e.target.value) ? e.target.value : null)} options={ITEM_OPTIONS} />
          <SelectField label="图表" className="w-72" value={mode} onChange={(e) => setMode(e.target.value as ChartMode)} options={MODE_OPTIONS} />
          <div className="ml-auto">
            <CsvButton filename={`用量统计-${month}.csv`} header={USAGE_CSV_HEADER} rows={() => (report.data ? usageCsvRows(report.data, item) : [])} disabled={!report.data?.rows.length} />
          </div>
        </div>
      </Card>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <LoadError message={report.error.message} />
      ) : (
        <UsageReportView report={report.data} item={item} mode={mode} />
      )}
    </div>
  );
}

function UsageReportView({ report, item, mode }: { report: UsageReport; item: ItemCode | null; mode: ChartMode }) {
  if (report.rows.length === 0) {
    return (
      <Card>
        <p data-testid="usage-empty" className="py-10 text-center text-sm text-muted">
          所选月份暂无调用记录。开通图像分析并通过 API 调用后，每日用量会显示在这里。
        </p>
      </Card>
    );
  }
  const t = report.totals;
  return (
    <>
      {report.beta ? <Alert>公测期间（2019 年 12 月 1 日前）的调用全部免费：计费调用量按 ¥0 计费（{BETA_FREE_LABEL}）。</Alert> : null}
      <Card title="调用量汇总">
        <div className="grid grid-cols-4 gap-6">
          <Stat label="总调用量（次）" value={formatCalls(t.totalCalls)} testId="usage-sum-total" />
          <Stat label="免费资源包抵扣（次）" value={formatCalls(t.freeCalls)} testId="usage-sum-free" />
          <Stat label="预付费资源包抵扣（次）" value={formatCalls(t.packCalls)} testId="usage-sum-pack" />
          <Stat label={report.beta ? `计费调用量（次，${BETA_FREE_LABEL}）` : '计费调用量（次）'} value={formatCalls(t.chargedCalls)} testId="usage-sum-charged" />
        </div>
      </Card>
      <Card title="每日调用量">
        <UsageChart rows={report.rows} month={report.month} mode={mode} />
      </Card>
      <Card title="用量明细">
        <UsageTable key={`${report.month}-${item}`} report={report} item={item} />
      </Card>
    </>
  );
}

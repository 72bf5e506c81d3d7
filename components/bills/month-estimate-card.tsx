'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { formatCnyFen } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { BillLinesTable } from './bill-lines-table';
import { PrecisionAdjustment } from './precision-adjustment';

export function MonthEstimateCard() {
  const trpc = useTRPC();
  const estimate = useQuery(trpc.bills.estimate.queryOptions());
  return (
    <Card title="本月预估">
      {estimate.isPending ? (
        <Loading />
      ) : estimate.isError ? (
        <LoadError message={estimate.error.message} />
      ) : (
        <div className="flex flex-col gap-4">
          <div className="flex items-end gap-8">
            <div className="flex flex-col gap-1">
              <span className="text-xs text-muted">{estimate.data.month} 预估应付</span>
              <span data-testid="month-estimate" className="tabular text-2xl font-semibold">
                {formatCnyFen(estimate.data.payableFen)}
              </span>
            </div>
            <p className="pb-1 text-xs text-muted">
              按截至 {formatDateTime(estimate.data.now)}（UTC+8）的用量和刊例价估算，已扣除免费资源包和预付费资源包；计费精度差异{' '}
              <PrecisionAdjustment value={estimate.data.precisionAdjustment} />。实际金额以次月 1 日出具的账单为准。
            </p>
          </div>
          {estimate.data.lines.length > 0 ? <BillLinesTable lines={estimate.data.lines} testIdPrefix="estimate-line-" /> : null}
        </div>
      )}
    </Card>
  );
}

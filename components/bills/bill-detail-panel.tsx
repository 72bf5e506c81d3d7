'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { CsvButton } from '@/components/ui/csv-button';
import { LoadError, Loading } from '@/components/ui/loading';
import { Stat } from '@/components/ui/stat';
import type { CsvCell } from '@/lib/csv';
import { formatCnyFen, formatExactCny, fenToYuan } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { BILL_LINE_CSV_HEADER, billLineCsvRow } from './bill-lines';
import { BillExplanationCard } from './bill-explanation-card';
import { BillLinesTable } from './bill-lines-table';
import { BillStandingBadge } from './bill-standing';
import { PrecisionAdjustment } from './precision-adjustment';
import { SettlementCard } from './settlement-card';

function BillNotFound() {
  return (
    <Card>
      <div className="flex flex-col items-center gap-2 py-10">
        <p className="text-base font-semibold">账单不存在</p>
        <p className="text-sm text-muted">该账单不存在，或不属于当前账户。</p>
        <Link href="/billing/bills" className="mt-2 text-sm text-brand hover:underline">
          返回账单列表
        </Link>
      </div>
    </Card>
  );
}

function summaryRow(label: string, amount: string): CsvCell[] {
  return [label, '', '', '', '', '', '', amount];
}

export function BillDetailPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  // A missing bill stays missing: do not retry NOT_FOUND.
  const detail = useQuery({ ...trpc.bills.get.queryOptions({ id }), retry: false });
  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    return <div className="p-6">{detail.error.data?.code === 'NOT_FOUND' ? <BillNotFound /> : <LoadError message={detail.error.message} />}</div>;
  }
  const { bill, lines, estimateFen, freezeShortfallFen, explanation } = detail.data;
  const csvRows = () => [
    ...lines.map(billLineCsvRow),
    summaryRow('费用小计', bill.subtotal),
    summaryRow('计费精度差异', bill.precisionAdjustment),
    summaryRow('应付金额', fenToYuan(bill.payableFen)),
  ];

  return (
    <div className="flex flex-col gap-4 p-6">
      <Card
        title={
          <span className="flex items-center gap-3">
            {bill.month} 账单 <BillStandingBadge standing={bill.standing} />
          </span>
        }
        extra={<CsvButton filename={`账单-${bill.month}.csv`} header={BILL_LINE_CSV_HEADER} rows={csvRows} />}
      >
        <div className="mb-5 grid grid-cols-4 gap-4">
          <Stat label="应付金额" testId="bill-payable" value={formatCnyFen(bill.payableFen)} />
          <Stat label="账单月份" value={bill.month} />
          <Stat label="出账时间（UTC+8）" value={<span className="text-base">{formatDateTime(bill.issuedAt)}</span>} />
          <Stat label="结算时间（UTC+8）" value={<span className="text-base">{bill.settledAt ? formatDateTime(bill.settledAt) : '待结算'}</span>} />
        </div>
        <BillLinesTable lines={lines} testIdPrefix="bill-line-" empty="本月无调用，仅释放上月冻结的预估费用" />
        <dl className="mt-4 ml-auto grid w-80 grid-cols-[1fr_auto] gap-y-2 text-sm">
          <dt className="text-muted">费用小计（精确）</dt>
          <dd className="tabular text-right">{formatExactCny(bill.subtotal)}</dd>
          <dt className="text-muted">计费精度差异</dt>
          <dd className="text-right">
            <PrecisionAdjustment value={bill.precisionAdjustment} testId="bill-precision-adjustment" />
          </dd>
          <dt className="border-t border-line pt-2 font-semibold">应付金额</dt>
          <dd className="tabular border-t border-line pt-2 text-right text-base font-semibold">{formatCnyFen(bill.payableFen)}</dd>
        </dl>
        <p className="mt-3 text-xs text-muted">明细金额按调用量 × 单价精确计算（最多 8 位小数）；应付金额为各项金额之和四舍五入到分，差额即计费精度差异。</p>
      </Card>
      <BillExplanationCard explanation={explanation} />
      <SettlementCard bill={bill} estimateFen={estimateFen} freezeShortfallFen={freezeShortfallFen} />
    </div>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { Stat } from '@/components/ui/stat';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { formatCalls, formatCnyFen, formatExactCny } from '@/lib/money';
import { formatDateTime } from '@/lib/period';

export function OverviewPanel() {
  const trpc = useTRPC();
  const state = useQuery(trpc.overview.state.queryOptions());
  if (state.isPending) return <Loading />;
  if (state.isError) return <LoadError message={state.error.message} />;
  const s = state.data;
  return (
    <div className="flex flex-col gap-4 p-6">
      <Card>
        <p className="text-lg">
          您好，<span className="font-semibold">{s.email}</span>，欢迎使用图像分析。
        </p>
        <p className="mt-1 text-sm text-muted">当前时间（UTC+8）：{formatDateTime(s.now)}</p>
      </Card>
      <div className="grid grid-cols-2 gap-4">
        <Card title="图像分析">
          <div className="flex items-center gap-3">
            <span
              data-testid="activation-status"
              className={`px-2 py-0.5 text-sm ${s.activatedAt ? 'bg-success/10 text-success' : 'bg-page text-muted'}`}
            >
              {s.activatedAt ? '已开通' : '未开通'}
            </span>
            {s.activatedAt ? <span className="text-sm text-muted">开通于 {formatDateTime(s.activatedAt)}</span> : null}
          </div>
          {s.inArrears ? <p className="mt-3 text-sm text-danger">账户已欠费，后付费调用已暂停，请尽快充值。</p> : null}
          {s.activatedAt ? null : (
            <Link href="/product" className="mt-3 inline-block text-sm text-brand hover:underline">
              去开通 →
            </Link>
          )}
        </Card>
        <Card title="账户余额">
          <div className="grid grid-cols-3 gap-4">
            <Stat label="现金余额" value={formatCnyFen(s.cashFen)} tone={s.cashFen < 0 ? 'danger' : undefined} />
            <Stat label="冻结金额" value={formatCnyFen(s.frozenFen)} />
            <Stat label="可用余额" value={formatCnyFen(s.availableFen)} />
          </div>
          <DaysLeftLine report={s.daysLeft} />
          <Link href="/billing/account" className="mt-3 inline-block text-sm text-brand hover:underline">
            充值 →
          </Link>
        </Card>
      </div>
      <Card title={`本月（${s.month}）`}>
        <div className="grid grid-cols-4 gap-4">
          <Stat label="总调用量（次）" value={formatCalls(s.monthCalls)} />
          <Stat label="计费调用量（次）" value={formatCalls(s.monthChargedCalls)} />
          <Stat label="本月预估" value={formatCnyFen(s.monthEstimateFen)} testId="overview-estimate" />
          <Stat label="未读消息" value={formatCalls(s.unread)} />
        </div>
        <div className="mt-3 flex gap-5 text-sm">
          <Link href="/usage" className="text-brand hover:underline">用量统计 →</Link>
          <Link href="/billing/bills" className="text-brand hover:underline">账单 →</Link>
          <Link href="/packs" className="text-brand hover:underline">资源包 →</Link>
          <Link href="/messages" className="text-brand hover:underline">消息中心 →</Link>
        </div>
      </Card>
    </div>
  );
}

type DaysLeftReport = RouterOutputs['overview']['state']['daysLeft'];

/** 预计可用天数: available balance ÷ the last 7 days' average postpaid spend (docs/billing-rules.md). */
function DaysLeftLine({ report }: { report: DaysLeftReport }) {
  const d = report.daysLeft;
  const windowText = `近 7 天（${report.fromDay.slice(5)} 至 ${report.toDay.slice(5)}）`;
  // Under a week of balance left, or in arrears: the figure asks for a top-up.
  const urgent = d.status === 'arrears' || (d.status === 'days' && d.days < 7);
  const value = d.status === 'days' ? `${formatCalls(d.days)} 天` : d.status === 'arrears' ? '已欠费' : '—';
  const note =
    d.status === 'arrears'
      ? '账户欠费中，后付费调用已暂停'
      : d.status === 'no-spend'
        ? `${windowText}暂无后付费消费`
        : `按${windowText}后付费消费 ${formatExactCny(report.windowSpendYuan)} 估算`;
  return (
    <div className="mt-4 flex items-baseline gap-3 border-t border-line pt-3 text-sm">
      <span className="text-muted">预计可用天数</span>
      <span data-testid="overview-days-left" className={`tabular text-lg font-semibold ${urgent ? 'text-danger' : d.status === 'no-spend' ? 'text-muted' : ''}`}>
        {value}
      </span>
      <span className="text-xs text-muted">{note}</span>
    </div>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { Pagination } from '@/components/ui/pagination';
import { SelectField } from '@/components/ui/select-field';
import { DataTable, type Column } from '@/components/ui/table';
import { Tabs } from '@/components/ui/tabs';
import { useTRPC } from '@/components/trpc';
import { FREE_CALLS_PER_MONTH, PACK_REFUND_DAYS, PACK_VALID_MONTHS } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { PACK_STATUS_TONES, byValidFromThenCatalog, itemName, packSizeLabel, type PackRow } from './pack-format';
import { RefundPackDialog, type RefundablePack } from './refund-pack-dialog';
import { UsageBar } from './usage-bar';

export type PackTab = 'free' | 'prepaid';
type StatusFilter = PackRow['status'] | 'all';

const TABS: { key: PackTab; label: string }[] = [
  { key: 'free', label: '免费资源包' },
  { key: 'prepaid', label: '预付费资源包' },
];
const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: '全部状态' },
  { value: 'active', label: '有效' },
  { value: 'used_up', label: '已用完' },
  { value: 'expired', label: '已过期' },
  { value: 'refunded', label: '已退款' },
];
const PAGE_SIZE = 20;

function columns(tab: PackTab, onRefund: (pack: RefundablePack) => void): Column<PackRow>[] {
  const cols: Column<PackRow>[] = [
    { key: 'item', header: '服务', render: (p) => itemName(p.item) },
    { key: 'size', header: '规格', render: (p) => packSizeLabel(p.sizeCalls) },
    { key: 'used', header: '已用', align: 'right', render: (p) => formatCalls(p.usedCalls) },
    { key: 'remaining', header: '剩余', align: 'right', render: (p) => <span data-testid="pack-remaining">{formatCalls(p.remainingCalls)}</span> },
    { key: 'bar', header: '使用进度', render: (p) => <UsageBar used={p.usedCalls} size={p.sizeCalls} /> },
    { key: 'from', header: '生效时间', className: 'tabular whitespace-nowrap', render: (p) => formatDateTime(p.validFrom) },
    { key: 'until', header: '到期时间', className: 'tabular whitespace-nowrap', render: (p) => formatDateTime(p.validUntil) },
    { key: 'status', header: '状态', render: (p) => <Badge tone={PACK_STATUS_TONES[p.status]}>{p.statusLabel}</Badge> },
  ];
  if (tab === 'free') return cols;
  return [
    ...cols,
    {
      key: 'actions',
      header: '操作',
      render: (p) =>
        p.refundable ? (
          <Button variant="link" onClick={() => onRefund(p)}>
            退款
          </Button>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
  ];
}

/** 资源列表 › 图像分析资源包: the account's free and prepaid packs. */
export function PacksPanel({ initialTab }: { initialTab: PackTab }) {
  const trpc = useTRPC();
  const packs = useQuery(trpc.packs.list.queryOptions());
  const [tab, setTab] = useState<PackTab>(initialTab);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState(1);
  const [refunding, setRefunding] = useState<RefundablePack | null>(null);

  function switchTab(next: PackTab) {
    setTab(next);
    setPage(1);
    // Keep the tab in the address so a reload or a shared link opens the same list.
    window.history.replaceState(null, '', `?tab=${next}`);
  }

  let body;
  if (packs.isPending) body = <Loading />;
  else if (packs.isError) body = <LoadError message={packs.error.message} />;
  else {
    const rows = packs.data.filter((p) => p.kind === tab && (status === 'all' || p.status === status)).sort(byValidFromThenCatalog);
    const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    body = (
      <>
        <DataTable
          testId={`packs-${tab}`}
          columns={columns(tab, setRefunding)}
          rows={shown}
          rowKey={(p) => p.id}
          rowTestId={() => 'pack-row'}
          empty={tab === 'free' ? '暂无免费资源包：开通图像分析后，每月 1 日自动发放' : '暂无预付费资源包'}
        />
        {rows.length > PAGE_SIZE ? <Pagination page={page} pageSize={PAGE_SIZE} total={rows.length} onChange={setPage} /> : null}
      </>
    );
  }

  return (
    <div className="flex flex-col gap-4 p-6">
      <Card>
        <Tabs tabs={TABS} value={tab} onChange={switchTab} />
        <div className="flex items-end justify-between py-4">
          <p className="text-sm text-muted">
            {tab === 'free'
              ? `开通时及每月 1 日（UTC+8）为每项服务发放 ${formatCalls(FREE_CALLS_PER_MONTH)} 次免费调用，当月有效，优先扣减。`
              : `预付费资源包自支付成功起 ${PACK_VALID_MONTHS} 个月内有效，按到期时间先后扣减；未使用的资源包购买后 ${PACK_REFUND_DAYS} 天内可退款。`}
          </p>
          <SelectField
            label="状态"
            className="w-36"
            options={STATUS_FILTERS}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as StatusFilter);
              setPage(1);
            }}
          />
        </div>
        {body}
      </Card>
      <RefundPackDialog pack={refunding} onClose={() => setRefunding(null)} />
    </div>
  );
}

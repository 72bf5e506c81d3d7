'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { SelectField } from '@/components/ui/select-field';
import { DataTable, type Column } from '@/components/ui/table';
import { TextField } from '@/components/ui/text-field';
import { FREE_CALLS_PER_MONTH, ITEM_LIST, PACK_VALID_MONTHS, TIER_LABELS, type ItemCode, type Tier } from '@/lib/catalog';
import { formatCalls, formatCnyFen } from '@/lib/money';
import { itemName } from './pack-format';

type Advice = RouterOutputs['packs']['advice']['items'][number];
type Typed = { item: ItemCode; monthlyCalls: string };

const PACK_ITEMS = ITEM_LIST.filter((i) => i.packGroup !== null);

/** The purchase form, prefilled with the plan's largest pack (the form buys one size at a time). */
function buyHref(a: Advice): string | null {
  const pack = a.plan.packs[a.plan.packs.length - 1];
  if (!pack) return null;
  return `/packs/buy?${new URLSearchParams({ item: a.item, size: pack.size, quantity: String(pack.quantity) })}`;
}

function planText(a: Advice): string {
  if (a.plan.packs.length === 0) return '按量后付费';
  const packs = a.plan.packs.map((p) => `${p.label} × ${p.quantity}`).join(' + ');
  return a.plan.residualPostpaidFen > 0 ? `${packs}，其余后付费 ${formatCnyFen(a.plan.residualPostpaidFen)}` : packs;
}

const COLUMNS: Column<Advice>[] = [
  { key: 'item', header: '服务', className: 'whitespace-nowrap', render: (a) => itemName(a.item) },
  {
    key: 'volume',
    header: '每月调用量',
    align: 'right',
    className: 'whitespace-nowrap',
    render: (a) => (
      <span title={a.history.map((h) => `${h.month}：${formatCalls(h.calls)} 次`).join('\n')}>
        {formatCalls(a.monthlyCalls)}
        <span className="ml-1 text-xs text-muted">{a.source === 'typed' ? '（输入）' : '（近 3 月平均）'}</span>
      </span>
    ),
  },
  {
    key: 'tier',
    header: '免费额度 / 档位',
    render: (a) => (
      <span className="flex flex-col text-xs">
        <span>每月免费 {formatCalls(Math.min(a.monthlyCalls, FREE_CALLS_PER_MONTH))} 次</span>
        <span className="whitespace-nowrap">
          第 {a.tier} 档（{TIER_LABELS[a.tier as Tier]}），¥{a.unitPrice}/千次
        </span>
      </span>
    ),
  },
  { key: 'postpaid', header: `后付费 ${PACK_VALID_MONTHS} 个月`, align: 'right', className: 'whitespace-nowrap', render: (a) => <span data-testid="advisor-postpaid" className="tabular">{formatCnyFen(a.postpaidFen)}</span> },
  {
    key: 'plan',
    header: '推荐方案',
    render: (a) => (
      <span className="flex flex-col">
        <span data-testid="advisor-plan" className="tabular font-medium">{formatCnyFen(a.plan.totalFen)}</span>
        <span data-testid="advisor-plan-text" className="text-xs text-muted">{planText(a)}</span>
      </span>
    ),
  },
  {
    key: 'saving',
    header: '节省',
    align: 'right',
    className: 'whitespace-nowrap',
    render: (a) => <span data-testid="advisor-saving" className={`tabular ${a.savingFen > 0 ? 'text-success' : ''}`}>{formatCnyFen(a.savingFen)}</span>,
  },
  {
    key: 'buy',
    header: '操作',
    className: 'whitespace-nowrap',
    render: (a) => {
      const href = buyHref(a);
      return href ? (
        <Link href={href} className="text-brand hover:underline" data-testid="advisor-buy">
          按推荐购买
        </Link>
      ) : (
        <span className="text-muted">—</span>
      );
    },
  },
];

/**
 * 资源包推荐: for each item, what the next 12 months cost postpaid and with the cheapest
 * mix of packs, computed on the server by the bill's own rating code.
 */
export function PackAdvisorCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Typed>({ item: 'label', monthlyCalls: '' });
  const [typed, setTyped] = useState<Typed | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const advice = useQuery({ ...trpc.packs.advice.queryOptions({ typed }), placeholderData: keepPreviousData, retry: false });

  // The volume is tried first and shown only once the server accepts it: a refused one
  // (not whole calls, too many) says why under the field and leaves the last answer shown.
  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = form.monthlyCalls.trim() === '' ? null : { ...form };
    try {
      if (next) await queryClient.fetchQuery(trpc.packs.advice.queryOptions({ typed: next }));
      setRefused(null);
      setTyped(next);
    } catch (err) {
      setRefused(err instanceof Error ? err.message : String(err));
    }
  }

  let body;
  if (advice.isPending) body = <Loading />;
  else if (advice.isError) body = <LoadError message={advice.error.message} />;
  else if (advice.data.beta) body = <p className="text-sm text-muted">公测期间暂不支持购买资源包，调用免费。</p>;
  else {
    // Items never used are left out, unless it is the one whose volume was typed.
    const rows = advice.data.items.filter((a) => a.monthlyCalls > 0 || a.source === 'typed');
    body = <DataTable testId="pack-advisor" columns={COLUMNS} rows={rows} rowKey={(a) => a.item} rowTestId={(a) => `advisor-row-${a.item}`} empty="近 3 个月暂无调用，可输入预计的每月调用量试算" />;
  }

  return (
    <Card title="资源包推荐">
      <p className="mb-3 text-sm text-muted">
        按近 3 个完整月的平均调用量（或您输入的每月调用量），比较今后 {PACK_VALID_MONTHS} 个月全部后付费与购买资源包的费用：先扣免费额度，再扣资源包，余下按当月总量所达档位后付费。
      </p>
      <form onSubmit={submit} className="mb-4 flex items-start gap-2">
        <SelectField
          label="服务"
          className="w-48"
          value={form.item}
          options={PACK_ITEMS.map((i) => ({ value: i.code, label: i.name }))}
          onChange={(e) => setForm({ ...form, item: e.target.value as ItemCode })}
        />
        <TextField
          label="每月调用量（次）"
          className="w-48"
          inputMode="numeric"
          placeholder="留空则按历史用量"
          value={form.monthlyCalls}
          error={refused ?? undefined}
          onChange={(e) => {
            setForm({ ...form, monthlyCalls: e.target.value });
            setRefused(null);
          }}
        />
        <Button type="submit" className="mt-6 h-9">
          试算
        </Button>
      </form>
      {body}
    </Card>
  );
}

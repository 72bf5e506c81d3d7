'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { FREE_CALLS_PER_MONTH } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { formatDateTime } from '@/lib/period';

export type ActivationState = RouterOutputs['product']['state'];

export function ActivationCard({ state }: { state: ActivationState }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const activate = useMutation(
    trpc.product.activate.mutationOptions({
      onSuccess: () => {
        toast.success('开通成功');
        return queryClient.invalidateQueries();
      },
      onError: (err) => toast.error(err.message),
    }),
  );
  const active = state.activatedAt !== null;
  return (
    <Card title="服务状态">
      <div className="flex items-center gap-4">
        <Badge tone={active ? 'success' : 'muted'} testId="product-status">
          {active ? '已开通' : '未开通'}
        </Badge>
        {active ? (
          <span className="text-sm text-muted">开通时间：{formatDateTime(state.activatedAt!)}</span>
        ) : (
          <Button variant="primary" onClick={() => activate.mutate()} disabled={activate.isPending}>
            立即开通
          </Button>
        )}
      </div>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-muted">
        <li>开通后即可调用图像分析全部接口，按月后付费；默认并发 {state.qps} 次/秒（每个接口）。</li>
        <li>
          每项已开通的服务每月享有 {formatCalls(FREE_CALLS_PER_MONTH)} 次免费调用额度，以免费资源包形式发放，结算时优先扣减
          {state.beta ? '（2019年12月起发放）' : ''}。
        </li>
        {state.beta ? <li>公测期间（2019年12月1日前）所有调用免费，公测期间开通的客户将自动转入后付费。</li> : null}
      </ul>
      {active && state.freePacks.length > 0 ? (
        <p data-testid="free-packs-issued" className="mt-3 text-sm">
          本月免费资源包已发放：{state.freePacks.length} 个服务 × {formatCalls(FREE_CALLS_PER_MONTH)} 次。
          <Link href="/packs" className="text-brand hover:underline">
            查看资源包
          </Link>
        </p>
      ) : null}
      {state.inArrears ? (
        <p className="mt-3 text-sm text-danger">
          账户已欠费：后付费调用已暂停，免费及预付费资源包内的调用不受影响。
          <Link href="/billing/account" className="text-brand hover:underline">
            去充值
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

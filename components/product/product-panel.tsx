'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { useTRPC } from '@/components/trpc';
import { monthOf } from '@/lib/period';
import { ActivationCard } from './activation-card';
import { ContactForm } from './contact-form';
import { PriceTable } from './price-table';

export function ProductPanel() {
  const trpc = useTRPC();
  const state = useQuery(trpc.product.state.queryOptions());
  if (state.isPending) return <Loading />;
  if (state.isError) return <LoadError message={state.error.message} />;
  return (
    <div className="flex flex-col gap-4 p-6">
      {state.data.beta ? (
        <Alert tone="info">
          图像分析在 2019年12月1日前处于免费公测阶段，免费期间暂不支持购买预付费资源包；2019年12月1日 00:00 起开始正式按调用量计费。
        </Alert>
      ) : null}
      <ActivationCard state={state.data} />
      <Card title="价格说明">
        <PriceTable month={monthOf(state.data.now)} />
        <div className="mt-4 space-y-1 text-sm text-muted">
          <p>本产品为公有云产品，根据调用量，按月后付费。采用阶梯到达定价，月累计调用量越高，单价越低：当月调用总量所达到的阶梯单价适用于当月全部计费调用。</p>
          <p className="font-medium text-ink">
            次月 1 - 3 日会出本月账单，本月结算完成后，将以本月调用量 × 刊例价 × 100% 作为次月费用的预估对账户进行冻结，该冻结在下月结算时先进行解冻再进行下月额度的扣费。
          </p>
          <p>只要您开通了图像分析某项服务，该项服务都可以享受 10,000 次/月的免费调用额度，以免费资源包的形式配送，并在计费结算时优先扣减；其后依次扣减预付费资源包，最后按后付费计费。</p>
        </div>
      </Card>
      <ContactForm />
    </div>
  );
}

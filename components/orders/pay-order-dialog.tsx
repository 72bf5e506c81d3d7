'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useTRPC } from '@/components/trpc';
import { formatCnyFen } from '@/lib/money';
import { ORDER_STATUS, orderSubject, type Order } from './order-format';

const TOP_UP_PAGE = '/billing/account';

/**
 * The second confirmation of a purchase: pay an unpaid order from the available balance.
 * Paying is idempotent on the server, so a double click or a retry charges once. Mount
 * it with `key={order.id}` so a new order starts with a clean state.
 */
export function PayOrderDialog({ order, onClose, onPaid }: { order: Order | null; onClose: () => void; onPaid: (paid: Order) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const checkout = useQuery({ ...trpc.orders.checkout.queryOptions(), enabled: order !== null });
  const pay = useMutation(
    trpc.orders.pay.mutationOptions({
      onSuccess: (paid) => {
        // The id keeps a retried success from toasting twice.
        toast.success(`支付成功：${orderSubject(paid)}，资源包已生效`, { id: `paid-${paid.id}` });
        void queryClient.invalidateQueries();
        onPaid(paid);
      },
    }),
  );

  const refusedForBalance = pay.error?.data?.domainCode === 'BalanceInsufficient';
  const short = refusedForBalance || (order !== null && checkout.data !== undefined && checkout.data.availableFen < order.amountFen);

  return (
    <ConfirmDialog
      open={order !== null}
      title="支付订单"
      confirmLabel={short ? '去充值' : '确认支付'}
      pending={pay.isPending || checkout.isPending}
      onConfirm={() => {
        if (!order) return;
        if (short) router.push(TOP_UP_PAGE);
        else pay.mutate({ id: order.id });
      }}
      onCancel={onClose}
    >
      {order ? (
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-[80px_1fr] gap-y-2">
            <dt className="text-muted">订单号</dt>
            <dd data-testid="order-id" className="tabular">
              {order.id}
            </dd>
            <dt className="text-muted">商品</dt>
            <dd>{orderSubject(order)}</dd>
            <dt className="text-muted">订单状态</dt>
            <dd>
              <Badge tone={ORDER_STATUS[order.status].tone}>{ORDER_STATUS[order.status].label}</Badge>
            </dd>
            <dt className="text-muted">应付金额</dt>
            <dd data-testid="order-amount" className="tabular text-base font-semibold text-warn">
              {formatCnyFen(order.amountFen)}
            </dd>
            <dt className="text-muted">支付方式</dt>
            <dd>账户余额</dd>
            <dt className="text-muted">可用余额</dt>
            <dd data-testid="checkout-available" className="tabular">
              {checkout.data ? formatCnyFen(checkout.data.availableFen) : '加载中…'}
            </dd>
          </dl>
          {short ? (
            <Alert tone="error">余额不足，请先充值</Alert>
          ) : pay.error ? (
            <Alert tone="error">{pay.error.message}</Alert>
          ) : null}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { itemName } from '@/components/packs/pack-format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LoadError, Loading } from '@/components/ui/loading';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, type Column } from '@/components/ui/table';
import { useTRPC } from '@/components/trpc';
import { ORDER_TTL_MINUTES } from '@/lib/catalog';
import { formatCnyFen } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { ORDER_STATUS, orderSubject, sizeLabelOf, type Order } from './order-format';
import { PayOrderDialog } from './pay-order-dialog';

const PAGE_SIZE = 20;

function columns(onPay: (o: Order) => void, onCancel: (o: Order) => void): Column<Order>[] {
  return [
    { key: 'id', header: '订单号', className: 'tabular', render: (o) => o.id },
    { key: 'item', header: '服务', render: (o) => itemName(o.item) },
    { key: 'size', header: '规格', render: (o) => sizeLabelOf(o.sizeCode) },
    { key: 'quantity', header: '数量', align: 'right', render: (o) => o.quantity },
    { key: 'amount', header: '金额', align: 'right', render: (o) => formatCnyFen(o.amountFen) },
    {
      key: 'status',
      header: '状态',
      render: (o) => (
        <div className="flex flex-col items-start gap-0.5">
          <Badge tone={ORDER_STATUS[o.status].tone}>{ORDER_STATUS[o.status].label}</Badge>
          {o.status === 'pending' ? <span className="tabular text-xs text-muted">{formatDateTime(o.expiresAt)} 前支付</span> : null}
        </div>
      ),
    },
    { key: 'created', header: '创建时间', className: 'tabular whitespace-nowrap', render: (o) => formatDateTime(o.createdAt) },
    {
      key: 'actions',
      header: '操作',
      render: (o) =>
        o.status === 'pending' ? (
          <span className="flex">
            <Button variant="link" onClick={() => onPay(o)}>
              去支付
            </Button>
            <Button variant="link" onClick={() => onCancel(o)}>
              取消
            </Button>
          </span>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
  ];
}

/** 费用中心 › 订单: the account's pack orders; unpaid ones can be paid or cancelled. */
export function OrdersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const orders = useQuery(trpc.orders.list.queryOptions({ page, pageSize: PAGE_SIZE }));
  const [paying, setPaying] = useState<Order | null>(null);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: (o) => {
        toast.success(`订单 ${o.id} 已取消`);
        void queryClient.invalidateQueries({ queryKey: trpc.orders.list.queryKey() });
        setCancelling(null);
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  let body;
  if (orders.isPending) body = <Loading />;
  else if (orders.isError) body = <LoadError message={orders.error.message} />;
  else
    body = (
      <>
        <DataTable
          testId="orders-table"
          columns={columns(setPaying, setCancelling)}
          rows={orders.data.rows}
          rowKey={(o) => o.id}
          rowTestId={() => 'order-row'}
          empty="暂无订单：在 资源列表 › 图像分析资源包 中购买资源包后，订单显示在这里"
        />
        <Pagination page={orders.data.page} pageSize={orders.data.pageSize} total={orders.data.total} onChange={setPage} />
      </>
    );

  return (
    <div className="flex flex-col gap-4 p-6">
      <Card>
        <p className="pb-3 text-sm text-muted">未支付的订单 {ORDER_TTL_MINUTES} 分钟后自动关闭；已支付订单的资源包可在 资源列表 › 图像分析资源包 中查看。</p>
        {body}
      </Card>
      <PayOrderDialog key={paying?.id ?? 'none'} order={paying} onClose={() => setPaying(null)} onPaid={() => setPaying(null)} />
      <ConfirmDialog
        open={cancelling !== null}
        title="取消订单"
        confirmLabel="确认取消"
        cancelLabel="暂不取消"
        danger
        pending={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling.id })}
        onCancel={() => setCancelling(null)}
      >
        {cancelling ? (
          <p>
            确定取消订单 <span className="tabular">{cancelling.id}</span>（{orderSubject(cancelling)}，{formatCnyFen(cancelling.amountFen)}）吗？取消后不能再支付。
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

import { OrdersPanel } from '@/components/orders/orders-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function OrdersPage() {
  return (
    <>
      <PageHeader title="订单" />
      <OrdersPanel />
    </>
  );
}

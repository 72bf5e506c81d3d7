import Link from 'next/link';
import { BillDetailPanel } from '@/components/bills/bill-detail-panel';
import { PageHeader } from '@/components/ui/page-header';

export default async function BillDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="账单详情"
        extra={
          <Link href="/billing/bills" className="text-sm text-brand hover:underline">
            返回账单列表
          </Link>
        }
      />
      <BillDetailPanel id={id} />
    </>
  );
}

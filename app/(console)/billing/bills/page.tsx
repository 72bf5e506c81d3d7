import { BillsPanel } from '@/components/bills/bills-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function BillsPage() {
  return (
    <>
      <PageHeader title="账单" />
      <BillsPanel />
    </>
  );
}

import { PackPurchasePanel } from '@/components/packs/pack-purchase-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function BuyPackPage() {
  return (
    <>
      <PageHeader title="购买资源包" />
      <PackPurchasePanel />
    </>
  );
}

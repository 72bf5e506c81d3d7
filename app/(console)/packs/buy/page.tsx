import { PackPurchasePanel } from '@/components/packs/pack-purchase-panel';
import { purchasePrefill } from '@/components/packs/purchase-prefill';
import { PageHeader } from '@/components/ui/page-header';

type Query = { item?: string; size?: string; quantity?: string };

export default async function BuyPackPage({ searchParams }: { searchParams: Promise<Query> }) {
  return (
    <>
      <PageHeader title="购买资源包" />
      <PackPurchasePanel initial={purchasePrefill(await searchParams)} />
    </>
  );
}

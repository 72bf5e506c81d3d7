import { BuyPackButton } from '@/components/packs/buy-pack-button';
import { PacksPanel } from '@/components/packs/packs-panel';
import { PageHeader } from '@/components/ui/page-header';

export default async function PacksPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const { tab } = await searchParams;
  return (
    <>
      <PageHeader title="图像分析资源包" extra={<BuyPackButton />} />
      <PacksPanel key={tab} initialTab={tab === 'prepaid' ? 'prepaid' : 'free'} />
    </>
  );
}

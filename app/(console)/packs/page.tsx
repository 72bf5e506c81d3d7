import { BuyPackButton } from '@/components/packs/buy-pack-button';
import { PackAdvisorCard } from '@/components/packs/pack-advisor-card';
import { PacksPanel } from '@/components/packs/packs-panel';
import { PageHeader } from '@/components/ui/page-header';

export default async function PacksPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const { tab } = await searchParams;
  return (
    <>
      <PageHeader title="图像分析资源包" extra={<BuyPackButton />} />
      <PacksPanel key={tab} initialTab={tab === 'prepaid' ? 'prepaid' : 'free'} />
      <div className="px-6 pb-6">
        <PackAdvisorCard />
      </div>
    </>
  );
}

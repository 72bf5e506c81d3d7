import { OverviewPanel } from '@/components/overview/overview-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="概览" />
      <OverviewPanel />
    </>
  );
}

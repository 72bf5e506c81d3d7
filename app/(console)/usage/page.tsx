import { UsagePanel } from '@/components/usage/usage-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function UsagePage() {
  return (
    <>
      <PageHeader title="用量统计" />
      <UsagePanel />
    </>
  );
}

import { ExplorerPanel } from '@/components/explorer/explorer-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function ExplorerPage() {
  return (
    <>
      <PageHeader title="在线调试" />
      <ExplorerPanel />
    </>
  );
}

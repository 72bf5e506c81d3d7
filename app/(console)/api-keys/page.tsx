import { ApiKeysPanel } from '@/components/api-keys/api-keys-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function ApiKeysPage() {
  return (
    <>
      <PageHeader title="API 密钥" />
      <ApiKeysPanel />
    </>
  );
}

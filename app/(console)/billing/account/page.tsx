import { AccountPanel } from '@/components/account/account-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function AccountPage() {
  return (
    <>
      <PageHeader title="账户" />
      <AccountPanel />
    </>
  );
}

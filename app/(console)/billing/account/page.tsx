import { AccountPanel } from '@/components/account/account-panel';
import { SignOutEverywhereCard } from '@/components/account/sign-out-everywhere-card';
import { PageHeader } from '@/components/ui/page-header';

export default function AccountPage() {
  return (
    <>
      <PageHeader title="账户" />
      <AccountPanel />
      <div className="px-6 pb-6">
        <SignOutEverywhereCard />
      </div>
    </>
  );
}

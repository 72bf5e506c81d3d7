'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { LoadError, Loading } from '@/components/ui/loading';
import { BalanceAlertCard } from './balance-alert-card';
import { BalancesCard } from './balances-card';
import { LedgerCard } from './ledger-card';
import { TopUpCard } from './top-up-card';

export function AccountPanel() {
  const trpc = useTRPC();
  const balances = useQuery(trpc.account.balances.queryOptions());
  if (balances.isPending) return <Loading />;
  if (balances.isError) return <LoadError message={balances.error.message} />;
  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="grid grid-cols-[3fr_2fr] gap-4">
        <BalancesCard balances={balances.data} />
        <TopUpCard provider={balances.data.paymentProvider} bankTransfer={balances.data.bankTransfer} />
      </div>
      <BalanceAlertCard />
      <LedgerCard />
    </div>
  );
}

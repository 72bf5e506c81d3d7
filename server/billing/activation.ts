import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { monthOf } from '@/lib/period';
import { getAccount, type Account } from './accounts';
import { BillingError } from './errors';
import { grantFreePacks } from './free-packs';
import { immediate, type DbOrTx } from './tx';

/**
 * 立即开通: activates every item for the account and grants this month's free packs at
 * once (none during the beta). Activating an active account changes nothing.
 */
export function activateAccount(db: DbOrTx, accountId: number, now: number): Account {
  return immediate(db, (tx) => {
    const account = getAccount(tx, accountId);
    if (account.inArrears) throw new BillingError('BalanceInsufficient', '账户已欠费，请先充值后再开通');
    if (account.activatedAt !== null) return account;
    grantFreePacks(tx, eq(accounts.id, accountId), monthOf(now), now);
    return tx.update(accounts).set({ activatedAt: now }).where(eq(accounts.id, accountId)).returning().get();
  });
}

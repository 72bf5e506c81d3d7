import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { accounts } from '@/db/schema';
import { monthOf } from '@/lib/period';
import { getAccount, type Account } from './accounts';
import { BillingError } from './errors';
import { grantFreePacks } from './free-packs';

/**
 * 立即开通: activates every item for the account and grants this month's free packs at
 * once (none during the beta). Activating an active account changes nothing.
 */
export function activateAccount(db: Db, accountId: number, now: number): Promise<Account> {
  return transaction(db, async (tx) => {
    // The arrears and activatedAt read decide the write: two activations (or a bill run
    // entering arrears) on one account run one after the other (FOR UPDATE on PostgreSQL).
    await lockAccounts(tx, [accountId]);
    const account = await getAccount(tx, accountId);
    if (account.inArrears) throw new BillingError('BalanceInsufficient', '账户已欠费，请先充值后再开通');
    if (account.activatedAt !== null) return account;
    await grantFreePacks(tx, eq(accounts.id, accountId), monthOf(now), now);
    const [activated] = await tx.update(accounts).set({ activatedAt: now }).where(eq(accounts.id, accountId)).returning();
    return activated;
  });
}

import { expect } from 'vitest';
import type { Db } from '@/db/client';
import { checkLedger } from '@/server/ledger/check-ledger';

/** Every story ends here: the account's balances are exactly what its ledger says. */
export async function expectLedgerBalanced(db: Db, ...accountIds: number[]): Promise<void> {
  for (const id of accountIds) expect((await checkLedger(db, id)).problems, `ledger of account ${id}`).toEqual([]);
}

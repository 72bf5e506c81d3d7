import { expect } from 'vitest';
import type { DB } from '@/db/client';
import { checkLedger } from '@/server/ledger/check-ledger';

/** Every story ends here: the account's balances are exactly what its ledger says. */
export function expectLedgerBalanced(db: DB, ...accountIds: number[]): void {
  for (const id of accountIds) expect(checkLedger(db, id).problems, `ledger of account ${id}`).toEqual([]);
}

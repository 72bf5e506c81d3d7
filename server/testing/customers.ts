import type { Db } from '@/db/client';
import { activateAccount } from '@/server/billing/activation';
import { allocateCalls } from '@/server/billing/allocate-calls';
import { topUp } from '@/server/ledger/top-up';
import { at, createTestAccount } from './fixtures';

/**
 * `count` activated accounts with ¥100.00 each and 20,000 label calls in December 2019:
 * 10,000 free, 10,000 charged × ¥0.0025 = ¥25.00 payable each.
 */
export async function decemberCustomers(db: Db, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-01 09:00'));
    await topUp(db, { accountId: id, amountFen: 10_000, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
    await allocateCalls(db, { accountId: id, item: 'label', count: 20_000, at: at('2019-12-15') });
    ids.push(id);
  }
  return ids;
}

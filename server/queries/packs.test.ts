import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { FREE_CALLS_PER_MONTH } from '@/lib/catalog';
import { activateAccount, allocateCalls, FREE_PACK_ITEMS } from '@/server/billing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { listPacks, monthFreePacks } from './packs';

describe('资源包 as the console reads them', () => {
  it("the month's free packs: one per billable item, with what was used, and only that month's and account's", async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const other = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-02 09:00'));
    await activateAccount(db, other.id, at('2019-12-02 09:00'));
    await allocateCalls(db, { accountId: id, item: 'label', count: 7, at: at('2019-12-03 10:00') });

    const december = await monthFreePacks(db, id, '2019-12');
    expect(december.map((p) => p.item).sort()).toEqual([...FREE_PACK_ITEMS].sort());
    expect(december.find((p) => p.item === 'label')).toEqual({ item: 'label', sizeCalls: FREE_CALLS_PER_MONTH, usedCalls: 7 });
    expect(await monthFreePacks(db, id, '2020-01')).toEqual([]);
  });

  it('a free pack lists as remaining calls and status, never refundable', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-02 09:00'));
    await allocateCalls(db, { accountId: id, item: 'porn', count: FREE_CALLS_PER_MONTH, at: at('2019-12-03 10:00') });
    const porn = (await listPacks(db, id, at('2019-12-04'))).find((p) => p.item === 'porn')!;
    expect(porn).toMatchObject({ kind: 'free', remainingCalls: 0, status: 'used_up', refundable: false });
    const label = (await listPacks(db, id, at('2020-01-01'))).find((p) => p.item === 'label')!;
    expect(label).toMatchObject({ remainingCalls: FREE_CALLS_PER_MONTH, status: 'expired', refundable: false });
  });
});

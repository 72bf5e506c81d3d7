import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { packs } from '@/db/schema';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { FREE_PACK_ITEMS } from './free-packs';

describe('activation (立即开通)', () => {
  it('grants the month’s 10,000-call free packs for the 9 billable items at once', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    expect((await activateAccount(db, id, at('2019-12-15 10:00'))).activatedAt).toBe(at('2019-12-15 10:00'));
    const granted = await db.select().from(packs).where(eq(packs.accountId, id));
    expect(granted.map((p) => p.item).sort()).toEqual([...FREE_PACK_ITEMS].sort());
    expect(FREE_PACK_ITEMS).not.toContain('enhance');
    for (const p of granted) {
      expect(p).toMatchObject({ kind: 'free', month: '2019-12', sizeCalls: 10_000, usedCalls: 0, validFrom: at('2019-12-01'), validUntil: at('2020-01-01') });
    }
  });

  it('grants no free pack during the beta', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-11-30 23:59'));
    expect(await db.select().from(packs)).toEqual([]);
  });

  it('is harmless the second time, also when two activations race', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at('2019-12-15'));
    expect((await activateAccount(db, id, at('2019-12-20'))).activatedAt).toBe(at('2019-12-15'));
    expect(await db.select().from(packs)).toHaveLength(9);

    const other = await createTestAccount(db);
    const both = await Promise.all([activateAccount(db, other.id, at('2019-12-16')), activateAccount(db, other.id, at('2019-12-17'))]);
    expect(both.map((a) => a.activatedAt)).toEqual([at('2019-12-16'), at('2019-12-16')]);
    expect(await db.select().from(packs).where(eq(packs.accountId, other.id))).toHaveLength(9);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { packs } from '@/db/schema';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { FREE_PACK_ITEMS } from './free-packs';

describe('activation (立即开通)', () => {
  it('grants the month’s 10,000-call free packs for the 9 billable items at once', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    expect(activateAccount(db, id, at('2019-12-15 10:00')).activatedAt).toBe(at('2019-12-15 10:00'));
    const granted = db.select().from(packs).where(eq(packs.accountId, id)).all();
    expect(granted.map((p) => p.item).sort()).toEqual([...FREE_PACK_ITEMS].sort());
    expect(FREE_PACK_ITEMS).not.toContain('enhance');
    for (const p of granted) {
      expect(p).toMatchObject({ kind: 'free', month: '2019-12', sizeCalls: 10_000, usedCalls: 0, validFrom: at('2019-12-01'), validUntil: at('2020-01-01') });
    }
  });

  it('grants no free pack during the beta', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    activateAccount(db, id, at('2019-11-30 23:59'));
    expect(db.select().from(packs).all()).toEqual([]);
  });

  it('is harmless the second time', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    activateAccount(db, id, at('2019-12-15'));
    expect(activateAccount(db, id, at('2019-12-20')).activatedAt).toBe(at('2019-12-15'));
    expect(db.select().from(packs).all()).toHaveLength(9);
  });
});

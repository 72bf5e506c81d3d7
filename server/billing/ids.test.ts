import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { topUps } from '@/db/schema';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { insertUnderReference, newReference } from './ids';

const NOW = at('2019-12-05T10:00:00+08:00');

/** A pending top-up of `accountId` under `id` and `key`, as top-up.ts inserts one: a conflict writes nothing. */
const insertTopUp = (db: Db, accountId: number, key: string, amountFen: number) => async (id: string) => {
  const [row] = await transaction(db, (tx) =>
    tx.insert(topUps).values({ id, accountId, amountFen, provider: 'sandbox', status: 'pending', idempotencyKey: key, createdAt: NOW }).onConflictDoNothing().returning(),
  );
  return row;
};
const byKey = (db: Db, accountId: number, key: string) => async () =>
  (await db.select().from(topUps).where(and(eq(topUps.accountId, accountId), eq(topUps.idempotencyKey, key))))[0];

/** References handed out in order, counting how many were asked for. */
function references(...ids: string[]) {
  const given: string[] = [];
  return { next: () => (given.push(ids[given.length]), ids[given.length - 1]), given };
}

describe('insertUnderReference', () => {
  it('a reference already taken is replaced by the next one: the row is created, the other untouched', async () => {
    const db = await openTestDb();
    const [a, b] = [await createTestAccount(db), await createTestAccount(db)];
    await insertTopUp(db, a.id, 'key-of-a-0001', 100)('T20191205100000123456');
    const refs = references('T20191205100000123456', 'T20191205100000123456', 'T20191205100000654321');
    const got = await insertUnderReference('T', NOW, insertTopUp(db, b.id, 'key-of-b-0001', 200), byKey(db, b.id, 'key-of-b-0001'), refs.next);
    expect(got).toMatchObject({ created: true, row: { id: 'T20191205100000654321', accountId: b.id, amountFen: 200 } });
    expect(refs.given).toHaveLength(3);
    const rows = await db.select().from(topUps).orderBy(topUps.id);
    expect(rows.map((r) => [r.id, r.accountId, r.amountFen])).toEqual([
      ['T20191205100000123456', a.id, 100],
      ['T20191205100000654321', b.id, 200],
    ]);
  });

  it('an idempotency key used before answers with its row, under the first reference tried, writing nothing', async () => {
    const db = await openTestDb();
    const a = await createTestAccount(db);
    const first = await insertUnderReference('T', NOW, insertTopUp(db, a.id, 'retried-key-01', 100), byKey(db, a.id, 'retried-key-01'));
    const refs = references('T20191205100000999999', 'T20191205100000888888');
    const again = await insertUnderReference('T', NOW, insertTopUp(db, a.id, 'retried-key-01', 100), byKey(db, a.id, 'retried-key-01'), refs.next);
    expect(again).toEqual({ created: false, row: first.row });
    expect(refs.given).toHaveLength(1);
    expect((await db.select({ n: count() }).from(topUps))[0].n).toBe(1);
  });

  it('gives up after five taken references, having written nothing', async () => {
    const db = await openTestDb();
    const [a, b] = [await createTestAccount(db), await createTestAccount(db)];
    await insertTopUp(db, a.id, 'key-of-a-0001', 100)('T20191205100000000001');
    const refs = references(...Array.from({ length: 6 }, () => 'T20191205100000000001'));
    await expect(insertUnderReference('T', NOW, insertTopUp(db, b.id, 'key-of-b-0001', 200), byKey(db, b.id, 'key-of-b-0001'), refs.next)).rejects.toThrow(
      'no free T reference after 5 attempts',
    );
    expect(refs.given).toHaveLength(5);
    expect(await db.select({ id: topUps.id, accountId: topUps.accountId }).from(topUps)).toEqual([{ id: 'T20191205100000000001', accountId: a.id }]);
  });

  it('newReference: prefix, the UTC+8 second, six digits', () => {
    expect(newReference('T', NOW)).toMatch(/^T20191205100000\d{6}$/);
  });
});

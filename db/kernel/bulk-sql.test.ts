import { asc, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, appClock, notifications, users } from '../schema';
import { closeTestDbs, openTestDb } from '../testing';
import { insertRows, insertRowsReturning, insertStatements, insertTuplesBehind } from './bulk-sql';
import { isUniqueViolation } from './results';
import { transaction } from './transaction';

afterAll(closeTestDbs);

// insertRows goes through JSON rows on PostgreSQL and compiled multi-row INSERTs on SQLite:
// both must store what the query builder's own insert would.

describe('insertRows', () => {
  it('stores booleans, numbers and a value with toJSON as the query builder reads them back', async () => {
    const db = await openTestDb();
    const decimalLike = { toJSON: () => '1700000000000' };
    const inserted = await transaction(db, (tx) =>
      insertRows(tx, appClock, [
        { id: 1, offsetMs: -5, sandbox: true, updatedAt: 10 },
        { id: 2, offsetMs: 0, sandbox: false, updatedAt: decimalLike as unknown as number },
      ]),
    );
    expect(inserted).toBe(2);
    expect(await db.select().from(appClock).orderBy(asc(appClock.id))).toEqual([
      { id: 1, offsetMs: -5, sandbox: true, updatedAt: 10 },
      { id: 2, offsetMs: 0, sandbox: false, updatedAt: 1_700_000_000_000 },
    ]);
  });

  it('counts only the rows it inserted when a unique key is taken, changes nothing of the row already there, and stores a null', async () => {
    const db = await openTestDb();
    const account = await transaction(db, async (tx) => {
      const [user] = await tx.insert(users).values({ email: 'a@example.com', passwordHash: 'x', createdAt: 1 }).returning();
      return (await tx.insert(accounts).values({ userId: user.id, createdAt: 1 }).returning())[0];
    });
    const row = (dedupeKey: string, title: string) => ({ accountId: account.id, kind: 'arrears' as const, title, body: 'b', dedupeKey, createdAt: 5, readAt: null });
    await transaction(db, (tx) => insertRows(tx, notifications, [row('k1', 'first')]));
    const inserted = await transaction(db, (tx) => insertRows(tx, notifications, [row('k1', 'again'), row('k2', 'second')], { onConflictDoNothing: true }));
    expect(inserted).toBe(1);
    const stored = await db.select({ key: notifications.dedupeKey, title: notifications.title, readAt: notifications.readAt }).from(notifications).orderBy(asc(notifications.dedupeKey));
    expect(stored).toEqual([
      { key: 'k1', title: 'first', readAt: null },
      { key: 'k2', title: 'second', readAt: null },
    ]);
  });

  it('keeps none of a batch one of whose rows is refused: the transaction can only roll back, on either store', async () => {
    const db = await openTestDb();
    const refusals: unknown[] = [];
    const work = transaction(db, async (tx) => {
      await insertRows(tx, appClock, [{ id: 1, offsetMs: 0, sandbox: false, updatedAt: 1 }]);
      refusals.push(
        await insertRows(tx, appClock, [
          { id: 2, offsetMs: 0, sandbox: false, updatedAt: 2 },
          { id: 1, offsetMs: 0, sandbox: false, updatedAt: 3 },
        ]).catch((err: unknown) => err),
      );
      // Caught, and the work goes on: PostgreSQL refuses the next statement, SQLite the COMMIT.
      await insertRows(tx, appClock, [{ id: 3, offsetMs: 0, sandbox: true, updatedAt: 4 }]);
    });
    await expect(work).rejects.toThrow();
    expect(refusals.map(isUniqueViolation)).toEqual([true]);
    expect(await db.$count(appClock)).toBe(0);
    // The next transaction on the same connection is not marked by the one before.
    await transaction(db, (tx) => insertRows(tx, appClock, [{ id: 4, offsetMs: 0, sandbox: false, updatedAt: 5 }]));
    expect(await db.select({ id: appClock.id }).from(appClock)).toEqual([{ id: 4 }]);
  });

  it('keeps the rest of a transaction whose refused batch was in a nested transaction it rolled back, on either store', async () => {
    const db = await openTestDb();
    // 70 rows, the last one taken: on SQLite one statement of 64 rows is in before the refusal.
    const batch = Array.from({ length: 70 }, (_, i) => ({ id: 100 + i, offsetMs: 0, sandbox: false, updatedAt: i }));
    batch[69] = { ...batch[69], id: 1 };
    const refused = await transaction(db, async (tx) => {
      await insertRows(tx, appClock, [{ id: 1, offsetMs: 0, sandbox: false, updatedAt: 1 }]);
      const err = await transaction(tx, (sp) => insertRows(sp, appClock, batch)).catch((e: unknown) => e);
      await insertRows(tx, appClock, [{ id: 2, offsetMs: 0, sandbox: false, updatedAt: 2 }]);
      return err;
    });
    expect(isUniqueViolation(refused)).toBe(true);
    expect((await db.select({ id: appClock.id }).from(appClock).orderBy(asc(appClock.id))).map((r) => r.id)).toEqual([1, 2]);
  });

  it('refuses to release a nested transaction that caught its own refused batch, and keeps the outer one', async () => {
    const db = await openTestDb();
    const outcome = await transaction(db, async (tx) => {
      await insertRows(tx, appClock, [{ id: 1, offsetMs: 0, sandbox: false, updatedAt: 1 }]);
      const nested = await transaction(tx, async (sp) => {
        const err = await insertRows(sp, appClock, [
          { id: 5, offsetMs: 0, sandbox: false, updatedAt: 2 },
          { id: 1, offsetMs: 0, sandbox: false, updatedAt: 3 },
        ]).catch((e: unknown) => e);
        return isUniqueViolation(err) ? 'caught' : 'not refused';
      }).catch(() => 'rolled back');
      await insertRows(tx, appClock, [{ id: 2, offsetMs: 0, sandbox: false, updatedAt: 4 }]);
      return nested;
    });
    expect(outcome).toBe('rolled back');
    expect((await db.select({ id: appClock.id }).from(appClock).orderBy(asc(appClock.id))).map((r) => r.id)).toEqual([1, 2]);
  });

  it('stores every row of a batch several statements long, in order, skips the taken keys and keeps none of a batch refused in its middle', async () => {
    const db = await openTestDb();
    // 150 rows: on SQLite two statements of 64 rows and 22 of one (insertCompiled).
    const clockRow = (id: number) => ({ id, offsetMs: id * 3, sandbox: id % 2 === 0, updatedAt: 1_000 + id });
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    await transaction(db, (tx) => insertRows(tx, appClock, [clockRow(70), clockRow(149)]));
    const inserted = await transaction(db, (tx) => insertRows(tx, appClock, ids.map(clockRow), { onConflictDoNothing: true }));
    expect(inserted).toBe(148);
    expect(await db.select().from(appClock).orderBy(asc(appClock.id))).toEqual(ids.map(clockRow));
    // Row 100 of the next batch is taken: the whole batch is refused, on either store.
    const refused = await transaction(db, (tx) => insertRows(tx, appClock, [...Array.from({ length: 99 }, (_, i) => clockRow(200 + i)), clockRow(5)])).catch((err: unknown) => err);
    expect(isUniqueViolation(refused)).toBe(true);
    expect(await db.$count(appClock)).toBe(150);
  });

  it('takes an empty batch as nothing to write, on either store', async () => {
    const db = await openTestDb();
    const results = await transaction(db, async (tx) => [
      await insertRows(tx, appClock, []),
      await insertRowsReturning(tx, appClock, [], sql`id`),
      insertStatements(appClock, []),
      await insertTuplesBehind(tx, appClock, ['id'], []),
    ]);
    expect(results).toEqual([0, [], [], undefined]);
    expect(await db.$count(appClock)).toBe(0);
  });

  it('writes nothing when the transaction fails after it (insertTuplesBehind)', async () => {
    const db = await openTestDb();
    await expect(
      transaction(db, async (tx) => {
        await insertTuplesBehind(tx, appClock, ['id', 'offsetMs', 'sandbox', 'updatedAt'], [[7, 0, false, 1]]);
        throw new Error('refused after the insert');
      }),
    ).rejects.toThrow('refused after the insert');
    expect(await db.select().from(appClock)).toEqual([]);
  });
});

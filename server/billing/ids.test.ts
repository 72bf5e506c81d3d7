import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDb } from '@/db/testing';
import { ledgerEntries, orders, topUps } from '@/db/schema';
import { creditBankTransfer } from '@/server/ledger/bank-transfer';
import { topUp } from '@/server/ledger/top-up';
import { accountBalances } from '@/server/queries/account';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { newReference } from './ids';
import { createOrder } from './orders';

// The references' six random digits, scripted: each test says which repeat.
const digits = vi.hoisted(() => ({ next: [] as number[], drawn: 0 }));
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  const randomInt = (max: number) => (digits.drawn++, digits.next.shift() ?? real.randomInt(max));
  return { ...real, default: { ...real, randomInt }, randomInt };
});
beforeEach(() => {
  digits.next = [];
  digits.drawn = 0;
});

const NOW = at('2019-12-10 12:00');

describe('a reference made twice in one second (newReference, insertUnderReference)', () => {
  it('newReference: prefix, the UTC+8 second, six digits', () => {
    digits.next = [42];
    expect(newReference('T', NOW)).toBe('T20191210120000000042');
  });

  it('a top-up whose reference is taken is made under the next one: both credited once', async () => {
    const db = await openTestDb();
    const [a, b] = [await createTestAccount(db), await createTestAccount(db)];
    digits.next = [111_111, 111_111, 222_222];
    await topUp(db, { accountId: a.id, amountFen: 100, idempotencyKey: 'key-of-a-01', now: NOW });
    const second = await topUp(db, { accountId: b.id, amountFen: 200, idempotencyKey: 'key-of-b-01', now: NOW });
    expect(second).toMatchObject({ id: 'T20191210120000222222', accountId: b.id, amountFen: 200, status: 'succeeded' });
    expect(digits.drawn).toBe(3);
    expect((await db.select().from(topUps).orderBy(topUps.id)).map((t) => [t.id, t.accountId, t.amountFen])).toEqual([
      ['T20191210120000111111', a.id, 100],
      ['T20191210120000222222', b.id, 200],
    ]);
    expect((await accountBalances(db, a.id)).cashFen).toBe(100);
    expect((await accountBalances(db, b.id)).cashFen).toBe(200);
  });

  it('a retried top-up key answers with its top-up after one reference, whatever that reference', async () => {
    const db = await openTestDb();
    const a = await createTestAccount(db);
    const first = await topUp(db, { accountId: a.id, amountFen: 100, idempotencyKey: 'retried-01', now: NOW });
    digits.drawn = 0;
    expect(await topUp(db, { accountId: a.id, amountFen: 100, idempotencyKey: 'retried-01', now: NOW + 1 })).toEqual(first);
    expect(digits.drawn).toBe(1);
    expect((await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, a.id)))[0].n).toBe(1);
  });

  it('an order and a bank transfer whose references are taken are made under the next ones', async () => {
    const db = await openTestDb();
    const [a, b] = [await createTestAccount(db), await createTestAccount(db)];
    const input = { item: 'label', sizeCode: '100k', quantity: 1, now: NOW } as const;
    digits.next = [333_333, 333_333, 444_444];
    await createOrder(db, { ...input, accountId: a.id, idempotencyKey: 'order-key-a-0001' });
    expect(await createOrder(db, { ...input, accountId: b.id, idempotencyKey: 'order-key-b-0001' })).toMatchObject({ id: '20191210120000444444', accountId: b.id });
    expect((await db.select({ id: orders.id }).from(orders).orderBy(orders.id)).map((o) => o.id)).toEqual(['20191210120000333333', '20191210120000444444']);

    digits.next = [555_555, 555_555, 666_666];
    await topUp(db, { accountId: a.id, amountFen: 100, idempotencyKey: 'key-of-a-01', now: NOW });
    const credit = await creditBankTransfer(db, { accountId: b.id, amountFen: 50_000, reference: 'CMB-20191210-01', now: NOW });
    expect(credit).toMatchObject({ credited: true, topUp: { id: 'T20191210120000666666', accountId: b.id, amountFen: 50_000 } });
    expect((await accountBalances(db, b.id)).cashFen).toBe(50_000);
  });

  it('gives up after five taken references, having written and credited nothing', async () => {
    const db = await openTestDb();
    const [a, b] = [await createTestAccount(db), await createTestAccount(db)];
    digits.next = Array.from({ length: 7 }, () => 777_777);
    await topUp(db, { accountId: a.id, amountFen: 100, idempotencyKey: 'key-of-a-01', now: NOW });
    digits.drawn = 0;
    await expect(topUp(db, { accountId: b.id, amountFen: 200, idempotencyKey: 'key-of-b-01', now: NOW })).rejects.toThrow('no free T reference after 5 attempts');
    expect(digits.drawn).toBe(5);
    expect((await db.select({ id: topUps.id, accountId: topUps.accountId }).from(topUps))).toEqual([{ id: 'T20191210120000777777', accountId: a.id }]);
    expect(await accountBalances(db, b.id)).toMatchObject({ cashFen: 0 });
  });
});

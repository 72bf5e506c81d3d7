import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ledgerEntries, topUps } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { accountBalances } from '@/server/queries/account';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { BANK_TRANSFER_PROVIDER, creditBankTransfer } from './bank-transfer';

const NOW = at('2019-12-10T09:00');

async function setUp() {
  const db = await openTestDb();
  const a = await createTestAccount(db);
  const b = await createTestAccount(db);
  return { db, a, b };
}

async function snapshot(db: Awaited<ReturnType<typeof openTestDb>>) {
  return { topUps: await db.select().from(topUps), entries: await db.select().from(ledgerEntries) };
}

describe('crediting a bank transfer (对公转账)', () => {
  it('credits the exact amount once, as a top-up entry in 收支明细', async () => {
    const { db, a } = await setUp();
    const first = await creditBankTransfer(db, { accountId: a.id, amountFen: 123_456_78, reference: 'CMB20191210-0001', now: NOW });
    expect(first.credited).toBe(true);
    expect(first.topUp).toMatchObject({ provider: BANK_TRANSFER_PROVIDER, externalRef: 'CMB20191210-0001', amountFen: 123_456_78, status: 'succeeded' });
    expect((await accountBalances(db, a.id)).cashFen).toBe(123_456_78);
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, a.id));
    expect(entries.map((e) => [e.type, e.cashDeltaFen, e.ref, e.note])).toEqual([['topup', 123_456_78, first.topUp.id, '对公转账（流水号 CMB20191210-0001）']]);
    await expectLedgerBalanced(db, a.id);
  });

  it('is idempotent on the reference: the same credit again moves nothing', async () => {
    const { db, a } = await setUp();
    await creditBankTransfer(db, { accountId: a.id, amountFen: 50_000, reference: 'REF-0001', now: NOW });
    const again = await creditBankTransfer(db, { accountId: a.id, amountFen: 50_000, reference: ' REF-0001 ', now: NOW + 1 });
    expect(again.credited).toBe(false);
    expect((await accountBalances(db, a.id)).cashFen).toBe(50_000);
    expect(await db.select().from(ledgerEntries)).toHaveLength(1);
  });

  it('refuses a reference already credited to another account, or as another amount, and changes nothing', async () => {
    const { db, a, b } = await setUp();
    await creditBankTransfer(db, { accountId: a.id, amountFen: 50_000, reference: 'REF-0002', now: NOW });
    const before = await snapshot(db);
    await expect(creditBankTransfer(db, { accountId: b.id, amountFen: 50_000, reference: 'REF-0002', now: NOW })).rejects.toMatchObject({ code: 'ReferenceUsed' });
    await expect(creditBankTransfer(db, { accountId: a.id, amountFen: 50_001, reference: 'REF-0002', now: NOW })).rejects.toMatchObject({ code: 'ReferenceUsed' });
    expect(await snapshot(db)).toEqual(before);
    expect((await accountBalances(db, b.id)).cashFen).toBe(0);
  });

  it.each([
    ['zero', 0],
    ['negative', -100],
    ['a fraction of a fen', 10.5],
    ['over the ¥1,000,000.00 limit', 100_000_001],
  ])('refuses %s and writes nothing', async (_, amountFen) => {
    const { db, a } = await setUp();
    await expect(creditBankTransfer(db, { accountId: a.id, amountFen, reference: 'REF-0003', now: NOW })).rejects.toMatchObject({ code: 'InvalidAmount' });
    expect(await snapshot(db)).toEqual({ topUps: [], entries: [] });
  });

  it.each(['', 'ab', 'has space', 'x'.repeat(65), '流水号1234'])('refuses the reference %j and writes nothing', async (reference) => {
    const { db, a } = await setUp();
    await expect(creditBankTransfer(db, { accountId: a.id, amountFen: 100, reference, now: NOW })).rejects.toMatchObject({ code: 'InvalidReference' });
    expect(await snapshot(db)).toEqual({ topUps: [], entries: [] });
  });

  it('two operators crediting one transfer at once credit it once', async () => {
    const { db, a } = await setUp();
    await Promise.all([1, 2, 3].map(() => creditBankTransfer(db, { accountId: a.id, amountFen: 7_700, reference: 'REF-RACE', now: NOW })));
    expect((await accountBalances(db, a.id)).cashFen).toBe(7_700);
    expect(await db.select().from(ledgerEntries)).toHaveLength(1);
  });
});

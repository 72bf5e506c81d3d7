import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { accounts, ledgerEntries, topUps } from '@/db/schema';
import { accountBalances, listLedger } from '@/server/queries/account';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { checkLedger } from './check-ledger';
import { postEntries, postEntry, type EntryInput } from './post-entry';
import { confirmTopUp, sandboxProvider, topUp, type PaymentProvider } from './top-up';

const NOW = at('2019-12-01 10:00');

describe('ledger', () => {
  it('applies an entry to the balances once, whatever the retries', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const entry = { accountId: id, type: 'freeze' as const, cashDeltaFen: 0, frozenDeltaFen: 700, ref: 'bill-1', now: NOW };
    const post = (e: EntryInput) => transaction(db, (tx) => postEntry(tx, e));
    await post({ accountId: id, type: 'topup', cashDeltaFen: 1_000, frozenDeltaFen: 0, ref: 't', now: NOW });
    const first = await post(entry);
    expect(await post({ ...entry, frozenDeltaFen: 999 })).toEqual(first);
    expect(first).toMatchObject({ cashAfterFen: 1_000, frozenAfterFen: 700 });
    expect(await accountBalances(db, id)).toEqual({ cashFen: 1_000, frozenFen: 700, availableFen: 300, inArrears: false });
    expect((await listLedger(db, id)).total).toBe(2);
    expect(await checkLedger(db, id)).toMatchObject({ ok: true, entries: 2, cashFen: 1_000, frozenFen: 700 });
  });

  it('posts many accounts’ entries at once, chained per account, and refuses a negative freeze having written nothing', async () => {
    const db = await openTestDb();
    const a = (await createTestAccount(db)).id;
    const b = (await createTestAccount(db)).id;
    const e = (accountId: number, type: EntryInput['type'], cashDeltaFen: number, frozenDeltaFen: number, ref: string): EntryInput => ({
      accountId, type, cashDeltaFen, frozenDeltaFen, ref, now: NOW,
    });
    await transaction(db, (tx) =>
      postEntries(tx, [e(a, 'topup', 5_000, 0, 't'), e(b, 'topup', 300, 0, 't'), e(a, 'bill_payment', -1_200, 0, '1'), e(a, 'freeze', 0, 1_200, '1'), e(a, 'topup', 5_000, 0, 't')]),
    );
    expect((await listLedger(db, a)).rows.map((r) => [r.type, r.cashAfterFen, r.frozenAfterFen]).reverse()).toEqual([
      ['topup', 5_000, 0],
      ['bill_payment', 3_800, 0],
      ['freeze', 3_800, 1_200],
    ]);
    expect(await accountBalances(db, b)).toMatchObject({ cashFen: 300, frozenFen: 0 });

    await expect(transaction(db, (tx) => postEntries(tx, [e(b, 'bill_payment', -100, 0, '2'), e(b, 'unfreeze', 0, -1, '2')]))).rejects.toThrow(
      `frozen amount of account ${b} would become negative`,
    );
    expect(await accountBalances(db, b)).toMatchObject({ cashFen: 300, frozenFen: 0 });
    expect((await listLedger(db, b)).total).toBe(1);
    expect((await checkLedger(db, a)).problems).toEqual([]);
  });

  it('checkLedger catches a balance changed outside the ledger and a broken chain', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await topUp(db, { accountId: id, amountFen: 500, idempotencyKey: 'a', now: NOW });
    await transaction(db, (tx) => tx.update(accounts).set({ cashFen: 600 }).where(eq(accounts.id, id)));
    expect((await checkLedger(db, id)).problems).toEqual(['account cash 600 ≠ Σ cash deltas 500']);
    await transaction(db, (tx) => tx.update(ledgerEntries).set({ cashAfterFen: 400 }).where(eq(ledgerEntries.accountId, id)));
    expect((await checkLedger(db, id)).problems).toHaveLength(2);
  });
});

describe('top-up', () => {
  it('through the sandbox credits at once, and a retried request credits once', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    expect(sandboxProvider.label).toBe('沙箱支付（模拟，不产生真实扣款）');
    const first = await topUp(db, { accountId: id, amountFen: 12_345, idempotencyKey: 'k', now: NOW });
    const retry = await topUp(db, { accountId: id, amountFen: 12_345, idempotencyKey: 'k', now: NOW + 1 });
    expect(retry.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'succeeded', provider: 'sandbox', confirmedAt: NOW });
    expect((await accountBalances(db, id)).cashFen).toBe(12_345);
    expect((await checkLedger(db, id)).ok).toBe(true);
  });

  it.each([0, -1, 1.5, 100_000_001])('refuses %s fen', async (amountFen) => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    await expect(topUp(db, { accountId: id, amountFen, idempotencyKey: 'k', now: NOW })).rejects.toThrowError(expect.objectContaining({ code: 'InvalidAmount' }));
    expect(await accountBalances(db, id)).toMatchObject({ cashFen: 0 });
  });

  it('credits nothing when the provider fails, and once when a pending one confirms', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const failing: PaymentProvider = { id: 'fail', label: 'fails', collect: () => 'failed' };
    await expect(topUp(db, { accountId: id, amountFen: 100, idempotencyKey: 'f', now: NOW }, failing)).rejects.toThrowError(
      expect.objectContaining({ code: 'TopUpFailed' }),
    );
    const [failed] = await db.select().from(topUps).where(eq(topUps.idempotencyKey, 'f'));
    expect(failed.status).toBe('failed');

    const pending: PaymentProvider = { id: 'later', label: 'confirms later', collect: () => 'pending' };
    const t = await topUp(db, { accountId: id, amountFen: 100, idempotencyKey: 'p', now: NOW }, pending);
    expect((await accountBalances(db, id)).cashFen).toBe(0);
    await confirmTopUp(db, t.id, NOW + 5);
    await confirmTopUp(db, t.id, NOW + 6);
    expect((await accountBalances(db, id)).cashFen).toBe(100);
    expect(await checkLedger(db, id)).toMatchObject({ ok: true, entries: 1 });
  });

  it('two confirmations of one pending top-up at once credit it once', async () => {
    const db = await openTestDb();
    const { id } = await createTestAccount(db);
    const pending: PaymentProvider = { id: 'later', label: 'confirms later', collect: () => 'pending' };
    const t = await topUp(db, { accountId: id, amountFen: 700, idempotencyKey: 'p', now: NOW }, pending);
    const [a, b] = await Promise.all([confirmTopUp(db, t.id, NOW + 1), confirmTopUp(db, t.id, NOW + 2)]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(await accountBalances(db, id)).toMatchObject({ cashFen: 700 });
    expect(await checkLedger(db, id)).toMatchObject({ ok: true, entries: 1 });
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { accounts, ledgerEntries, topUps } from '@/db/schema';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { accountBalances, listLedger } from './balances';
import { checkLedger } from './check-ledger';
import { postEntry, type EntryInput } from './post-entry';
import { confirmTopUp, sandboxProvider, topUp, type PaymentProvider } from './top-up';

const NOW = at('2019-12-01 10:00');

describe('ledger', () => {
  it('applies an entry to the balances once, whatever the retries', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    const entry = { accountId: id, type: 'freeze' as const, cashDeltaFen: 0, frozenDeltaFen: 700, ref: 'bill-1', now: NOW };
    const post = (e: EntryInput) => db.transaction((tx) => postEntry(tx, e));
    post({ accountId: id, type: 'topup', cashDeltaFen: 1_000, frozenDeltaFen: 0, ref: 't', now: NOW });
    const first = post(entry);
    expect(post({ ...entry, frozenDeltaFen: 999 })).toEqual(first);
    expect(first).toMatchObject({ cashAfterFen: 1_000, frozenAfterFen: 700 });
    expect(accountBalances(db, id)).toEqual({ cashFen: 1_000, frozenFen: 700, availableFen: 300, inArrears: false });
    expect(listLedger(db, id).total).toBe(2);
    expect(checkLedger(db, id)).toMatchObject({ ok: true, entries: 2, cashFen: 1_000, frozenFen: 700 });
  });

  it('checkLedger catches a balance changed outside the ledger and a broken chain', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    topUp(db, { accountId: id, amountFen: 500, idempotencyKey: 'a', now: NOW });
    db.update(accounts).set({ cashFen: 600 }).where(eq(accounts.id, id)).run();
    expect(checkLedger(db, id).problems).toEqual(['account cash 600 ≠ Σ cash deltas 500']);
    db.update(ledgerEntries).set({ cashAfterFen: 400 }).where(eq(ledgerEntries.accountId, id)).run();
    expect(checkLedger(db, id).problems).toHaveLength(2);
  });
});

describe('top-up', () => {
  it('through the sandbox credits at once, and a retried request credits once', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    expect(sandboxProvider.label).toBe('沙箱支付（模拟，不产生真实扣款）');
    const first = topUp(db, { accountId: id, amountFen: 12_345, idempotencyKey: 'k', now: NOW });
    const retry = topUp(db, { accountId: id, amountFen: 12_345, idempotencyKey: 'k', now: NOW + 1 });
    expect(retry.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'succeeded', provider: 'sandbox', confirmedAt: NOW });
    expect(accountBalances(db, id).cashFen).toBe(12_345);
    expect(checkLedger(db, id).ok).toBe(true);
  });

  it.each([0, -1, 1.5, 100_000_001])('refuses %s fen', (amountFen) => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    expect(() => topUp(db, { accountId: id, amountFen, idempotencyKey: 'k', now: NOW })).toThrowError(expect.objectContaining({ code: 'InvalidAmount' }));
  });

  it('credits nothing when the provider fails, and once when a pending one confirms', () => {
    const db = openTestDb();
    const { id } = createTestAccount(db);
    const failing: PaymentProvider = { id: 'fail', label: 'fails', collect: () => 'failed' };
    expect(() => topUp(db, { accountId: id, amountFen: 100, idempotencyKey: 'f', now: NOW }, failing)).toThrowError(expect.objectContaining({ code: 'TopUpFailed' }));
    expect(db.select().from(topUps).where(eq(topUps.idempotencyKey, 'f')).get()!.status).toBe('failed');

    const pending: PaymentProvider = { id: 'later', label: 'confirms later', collect: () => 'pending' };
    const t = topUp(db, { accountId: id, amountFen: 100, idempotencyKey: 'p', now: NOW }, pending);
    expect(accountBalances(db, id).cashFen).toBe(0);
    confirmTopUp(db, t.id, NOW + 5);
    confirmTopUp(db, t.id, NOW + 6);
    expect(accountBalances(db, id).cashFen).toBe(100);
    expect(checkLedger(db, id)).toMatchObject({ ok: true, entries: 1 });
  });
});

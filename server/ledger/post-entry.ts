import { and, eq, sql } from 'drizzle-orm';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';
import { notFound } from '@/server/billing/errors';
import { param, prepared } from '@/server/billing/prepared';
import type { DbOrTx, Tx } from '@/server/billing/tx';

export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type LedgerEntryType = LedgerEntry['type'];

export interface EntryInput {
  accountId: number;
  type: LedgerEntryType;
  cashDeltaFen: Fen;
  frozenDeltaFen: Fen;
  /** What caused the entry (order id, bill id, top-up id, pack id). */
  ref: string;
  note?: string;
  now: number;
}

const entryByRef = (db: DbOrTx) =>
  db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.accountId, param('accountId')), eq(ledgerEntries.type, param('type')), eq(ledgerEntries.ref, param('ref'))))
    .prepare();

const applyDeltas = (db: DbOrTx) =>
  db
    .update(accounts)
    .set({
      cashFen: sql`${accounts.cashFen} + ${param('cashDeltaFen')}`,
      frozenFen: sql`${accounts.frozenFen} + ${param('frozenDeltaFen')}`,
    })
    .where(eq(accounts.id, param('accountId')))
    .returning({ cashAfterFen: accounts.cashFen, frozenAfterFen: accounts.frozenFen })
    .prepare();

const insertEntry = (db: DbOrTx) =>
  db
    .insert(ledgerEntries)
    .values({
      accountId: param('accountId'),
      type: param('type'),
      cashDeltaFen: param('cashDeltaFen'),
      frozenDeltaFen: param('frozenDeltaFen'),
      cashAfterFen: param('cashAfterFen'),
      frozenAfterFen: param('frozenAfterFen'),
      ref: param('ref'),
      note: param('note'),
      createdAt: param('now'),
    })
    .returning()
    .prepare();

function assertFenDelta(fen: Fen, what: string): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${what} must be whole fen, got ${fen}`);
}

/**
 * The only way money moves: appends an entry and applies it to the account's balances,
 * inside the caller's transaction (a failure anywhere in it undoes both). (account,
 * type, ref) names the operation, so a retry returns the entry already written instead
 * of moving the money twice.
 */
export function postEntry(tx: Tx, e: EntryInput): LedgerEntry {
  assertFenDelta(e.cashDeltaFen, 'cashDeltaFen');
  assertFenDelta(e.frozenDeltaFen, 'frozenDeltaFen');
  const existing = prepared(tx, entryByRef).get({ ...e });
  if (existing) return existing;

  const after = prepared(tx, applyDeltas).get({ ...e });
  if (!after) throw notFound('账户');
  if (after.frozenAfterFen < 0) throw new RangeError(`frozen amount of account ${e.accountId} would become negative`);
  return prepared(tx, insertEntry).get({ ...e, ...after, note: e.note ?? '' })!;
}

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { rawRun } from '@/db/kernel/results';
import { notFound } from '@/db/not-found';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';
import { inJson, insertRows, selectJsonRows } from '@/db/kernel/bulk-sql';

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

interface Balances {
  cashFen: Fen;
  frozenFen: Fen;
}

function assertFenDelta(fen: Fen, what: string): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${what} must be whole fen, got ${fen}`);
}

const refKey = (e: { accountId: number; type: string; ref: string }) => `${e.accountId}|${e.type}|${e.ref}`;

/** The entries already posted for these operations, by (account, type, ref): one lookup of the unique index each. */
async function entriesByRef(tx: Db, es: readonly EntryInput[]): Promise<Map<string, LedgerEntry>> {
  const { accountId, type, ref } = ledgerEntries;
  const keys = selectJsonRows([accountId, type, ref], JSON.stringify(es.map((e) => [e.accountId, e.type, e.ref])));
  const found = await tx.select().from(ledgerEntries).where(sql`(${accountId}, ${type}, ${ref}) IN (${keys})`);
  return new Map(found.map((e) => [refKey(e), e]));
}

/** Writes each account's new balances, if they are still `before` (see postEntries): one UPDATE … FROM the JSON rows. */
async function setBalances(tx: Db, changes: readonly { accountId: number; before: Balances; after: Balances }[]): Promise<void> {
  const json = JSON.stringify(changes.map((c) => [c.accountId, c.after.cashFen, c.after.frozenFen, c.before.cashFen, c.before.frozenFen]));
  const { id, cashFen, frozenFen } = accounts;
  const v = selectJsonRows([id, cashFen, frozenFen, cashFen, frozenFen], json, ['id', 'cash', 'frozen', 'cash_before', 'frozen_before']);
  const col = (c: { name: string }) => sql.identifier(c.name);
  const updated = await rawRun(
    tx,
    sql`UPDATE ${accounts} SET ${col(cashFen)} = v.cash, ${col(frozenFen)} = v.frozen
      FROM (${v}) AS v
      WHERE ${accounts}.${col(id)} = v.id AND ${accounts}.${col(cashFen)} = v.cash_before AND ${accounts}.${col(frozenFen)} = v.frozen_before`,
  );
  if (updated !== changes.length) throw new Error('account balances changed while their entries were posted');
}

/**
 * The only way money moves: appends entries and applies them to the accounts' balances,
 * inside the caller's transaction (a failure anywhere in it undoes both). (account, type,
 * ref) names an operation, so a retry gets the entry already written instead of moving the
 * money twice; the unique index on it refuses a second one written at the same time.
 * Entries of one account apply in the order given, each recording the balances after it.
 * The number of statements does not grow with the entries: the bill run posts a chunk of
 * accounts' entries at once. `fresh`: the caller has locked the accounts (in id order) and
 * names operations that cannot have been posted before (the bill run: refs of bills it
 * just issued), so neither the lock nor the look-up is repeated; should one have been
 * posted after all, the unique key refuses it and the transaction is undone.
 */
export async function postEntries(tx: Db, es: readonly EntryInput[], opts: { fresh?: boolean } = {}): Promise<void> {
  if (es.length === 0) return;
  for (const e of es) {
    assertFenDelta(e.cashDeltaFen, 'cashDeltaFen');
    assertFenDelta(e.frozenDeltaFen, 'frozenDeltaFen');
  }
  const accountIds = [...new Set(es.map((e) => e.accountId))];
  // The balances read here decide the after-values written: the accounts stay locked to
  // the end of the transaction (FOR UPDATE on PostgreSQL; SQLite's single writer). A
  // caller that moves money of several accounts locks them all first, in id order, and
  // this is then a lock it already holds. setBalances' conditional UPDATE checks it.
  if (!opts.fresh) await lockAccounts(tx, accountIds);
  const existing = opts.fresh ? new Map<string, LedgerEntry>() : await entriesByRef(tx, es);
  const read = await tx.select({ id: accounts.id, cashFen: accounts.cashFen, frozenFen: accounts.frozenFen }).from(accounts).where(inJson(accounts.id, accountIds));
  const balances = new Map(read.map((a) => [a.id, { before: { cashFen: a.cashFen, frozenFen: a.frozenFen }, after: { cashFen: a.cashFen, frozenFen: a.frozenFen } }]));

  const written: (typeof ledgerEntries.$inferInsert)[] = [];
  const posted = new Set(existing.keys());
  for (const e of es) {
    if (posted.has(refKey(e))) continue;
    posted.add(refKey(e)); // the same operation twice in one call posts once
    const b = balances.get(e.accountId);
    if (!b) throw notFound('账户');
    b.after = { cashFen: b.after.cashFen + e.cashDeltaFen, frozenFen: b.after.frozenFen + e.frozenDeltaFen };
    if (b.after.frozenFen < 0) throw new RangeError(`frozen amount of account ${e.accountId} would become negative`);
    const entry = {
      accountId: e.accountId,
      type: e.type,
      cashDeltaFen: e.cashDeltaFen,
      frozenDeltaFen: e.frozenDeltaFen,
      cashAfterFen: b.after.cashFen,
      frozenAfterFen: b.after.frozenFen,
      ref: e.ref,
      note: e.note ?? '',
      createdAt: e.now,
    };
    written.push(entry);
  }
  if (written.length === 0) return;
  await insertRows(tx, ledgerEntries, written);
  const changed = [...balances].filter(([, b]) => b.after !== b.before).map(([accountId, b]) => ({ accountId, ...b }));
  await setBalances(tx, changed);
}

/** Posts one entry (see postEntries) and returns it; a retry of the operation returns the entry already written. */
export async function postEntry(tx: Db, e: EntryInput): Promise<LedgerEntry> {
  await postEntries(tx, [e]);
  return (await entriesByRef(tx, [e])).get(refKey(e))!;
}

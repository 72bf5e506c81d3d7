import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';
import type { LedgerEntry } from '@/server/ledger';

// An account's money and standing, and its 收支明细, as the console reads them.

export interface AccountBalances {
  cashFen: Fen;
  frozenFen: Fen;
  /** cash − frozen: what purchases can spend. */
  availableFen: Fen;
  inArrears: boolean;
}

/** An account as the 概览 and 图像分析 pages see it: money, activation, its own QPS limit. */
export interface AccountSummary extends AccountBalances {
  activatedAt: number | null;
  /** null: the default limit applies. */
  qpsLimit: number | null;
}

export async function accountSummary(db: Db, accountId: number): Promise<AccountSummary> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!a) throw notFound('账户');
  return {
    cashFen: a.cashFen,
    frozenFen: a.frozenFen,
    availableFen: a.cashFen - a.frozenFen,
    inArrears: a.inArrears,
    activatedAt: a.activatedAt,
    qpsLimit: a.qpsLimit,
  };
}

export async function accountBalances(db: Db, accountId: number): Promise<AccountBalances> {
  const { cashFen, frozenFen, availableFen, inArrears } = await accountSummary(db, accountId);
  return { cashFen, frozenFen, availableFen, inArrears };
}

/** 收支明细, newest first. */
export async function listLedger(db: Db, accountId: number, req?: PageRequest): Promise<Page<LedgerEntry>> {
  const { page, pageSize, offset } = pageWindow(req);
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(desc(ledgerEntries.id))
    .limit(pageSize)
    .offset(offset);
  const [{ n: total }] = await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
  return { rows, total, page, pageSize };
}

/** Every 收支明细 entry of an account, newest first, for the CSV export (not paged). */
export async function allLedgerEntries(db: Db, accountId: number): Promise<LedgerEntry[]> {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(desc(ledgerEntries.id));
}

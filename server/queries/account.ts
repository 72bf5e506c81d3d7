import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, ledgerEntries } from '@/db/schema';
import { notFound } from '@/db/not-found';
import type { Fen } from '@/lib/money';
import type { LedgerEntry } from '@/server/ledger';

/** An account as the 概览 and 图像分析 pages see it: activation, money, its own QPS limit. */
export interface AccountSummary {
  activatedAt: number | null;
  cashFen: Fen;
  frozenFen: Fen;
  /** cash − frozen: what purchases can spend. */
  availableFen: Fen;
  inArrears: boolean;
  /** null: the default limit applies. */
  qpsLimit: number | null;
}

export async function accountSummary(db: Db, accountId: number): Promise<AccountSummary> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!a) throw notFound('账户');
  return {
    activatedAt: a.activatedAt,
    cashFen: a.cashFen,
    frozenFen: a.frozenFen,
    availableFen: a.cashFen - a.frozenFen,
    inArrears: a.inArrears,
    qpsLimit: a.qpsLimit,
  };
}

/** Every 收支明细 entry of an account, newest first, for the CSV export (not paged). */
export async function allLedgerEntries(db: Db, accountId: number): Promise<LedgerEntry[]> {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(desc(ledgerEntries.id));
}

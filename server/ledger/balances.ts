import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';
import type { LedgerEntry } from './post-entry';

export interface AccountBalances {
  cashFen: Fen;
  frozenFen: Fen;
  /** cash − frozen: what purchases can spend. */
  availableFen: Fen;
  inArrears: boolean;
}

export async function accountBalances(db: Db, accountId: number): Promise<AccountBalances> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!a) throw notFound('账户');
  return { cashFen: a.cashFen, frozenFen: a.frozenFen, availableFen: a.cashFen - a.frozenFen, inArrears: a.inArrears };
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

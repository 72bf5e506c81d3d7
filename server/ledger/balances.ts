import { count, desc, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';
import { notFound } from '@/server/billing/errors';
import { pageWindow, type Page, type PageRequest } from '@/server/billing/paging';
import type { LedgerEntry } from './post-entry';

export interface AccountBalances {
  cashFen: Fen;
  frozenFen: Fen;
  /** cash − frozen: what purchases can spend. */
  availableFen: Fen;
  inArrears: boolean;
}

export function accountBalances(db: DB, accountId: number): AccountBalances {
  const a = db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!a) throw notFound('账户');
  return { cashFen: a.cashFen, frozenFen: a.frozenFen, availableFen: a.cashFen - a.frozenFen, inArrears: a.inArrears };
}

/** 收支明细, newest first. */
export function listLedger(db: DB, accountId: number, req?: PageRequest): Page<LedgerEntry> {
  const { page, pageSize, offset } = pageWindow(req);
  const rows = db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(desc(ledgerEntries.id))
    .limit(pageSize)
    .offset(offset)
    .all();
  const total = db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).get()!.n;
  return { rows, total, page, pageSize };
}

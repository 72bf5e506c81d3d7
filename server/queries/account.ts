import { desc, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { ledgerEntries } from '@/db/schema';
import type { LedgerEntry } from '@/server/ledger';

/** Every 收支明细 entry of an account, newest first, for the CSV export (not paged). */
export function allLedgerEntries(db: DB, accountId: number): LedgerEntry[] {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(desc(ledgerEntries.id)).all();
}

import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { accounts, bills, users } from '@/db/schema';
import { parseIsoTime, type Month } from '@/lib/period';
import type { Account } from '@/server/billing/accounts';
import { getBill, type BillDetail } from '@/server/billing/bills';

let created = 0;

/** A user and the billing account it owns, not activated, with no money. */
export function createTestAccount(db: DB, opts: { email?: string; now?: number } = {}): Account {
  const now = opts.now ?? at('2019-11-01');
  const email = opts.email ?? `customer${++created}@example.com`;
  const user = db.insert(users).values({ email, passwordHash: 'not-used-in-billing-tests', createdAt: now }).returning().get();
  return db.insert(accounts).values({ userId: user.id, createdAt: now }).returning().get();
}

/** App time from an ISO string; without an offset it is read as UTC+8, like the console. */
export function at(iso: string): number {
  return parseIsoTime(iso);
}

/** The account's bill for a month, as the console shows it; undefined if none was issued. */
export function billFor(db: DB, accountId: number, month: Month): BillDetail | undefined {
  const bill = db.select().from(bills).where(and(eq(bills.accountId, accountId), eq(bills.month, month))).get();
  return bill && getBill(db, accountId, bill.id);
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, bills, users } from '@/db/schema';
import { parseIsoTime, type Month } from '@/lib/period';
import type { Account } from '@/server/billing/accounts';
import { getBill, type BillDetail } from '@/server/queries/bills';

let created = 0;

/** A user and the billing account it owns, not activated, with no money. */
export function createTestAccount(db: Db, opts: { email?: string; now?: number } = {}): Promise<Account> {
  const now = opts.now ?? at('2019-11-01');
  const email = opts.email ?? `customer${++created}@example.com`;
  return transaction(db, async (tx) => {
    const [user] = await tx.insert(users).values({ email, passwordHash: 'not-used-in-billing-tests', createdAt: now }).returning();
    const [account] = await tx.insert(accounts).values({ userId: user.id, createdAt: now }).returning();
    return account;
  });
}

/** App time from an ISO string; without an offset it is read as UTC+8, like the console. */
export function at(iso: string): number {
  return parseIsoTime(iso);
}

/** The account's bill for a month, as the console shows it; undefined if none was issued. */
export async function billFor(db: Db, accountId: number, month: Month): Promise<BillDetail | undefined> {
  const [bill] = await db.select().from(bills).where(and(eq(bills.accountId, accountId), eq(bills.month, month))).limit(1);
  return bill && getBill(db, accountId, bill.id);
}

import { and, eq, gt, gte, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ledgerEntries } from '@/db/schema';
import type { Bill } from '@/server/billing';

export const BILL_STANDINGS = ['settled', 'arrears', 'pending'] as const;
export type BillStanding = (typeof BILL_STANDINGS)[number];

/**
 * Ids of the bills whose deduction is still unpaid: those charged after cash was last 0
 * or more. Every entry since then left cash below 0, so those bills are the debt a
 * top-up has not yet covered; once cash is back at ≥ 0 the set is empty.
 */
async function unpaidBillIds(db: Db, accountId: number): Promise<Set<string>> {
  const account = eq(ledgerEntries.accountId, accountId);
  const [solvent] = await db.select({ id: max(ledgerEntries.id) }).from(ledgerEntries).where(and(account, gte(ledgerEntries.cashAfterFen, 0)));
  const unpaid = await db
    .select({ ref: ledgerEntries.ref })
    .from(ledgerEntries)
    .where(and(account, eq(ledgerEntries.type, 'bill_payment'), gt(ledgerEntries.id, solvent?.id ?? 0)));
  return new Set(unpaid.map((e) => e.ref));
}

/** 已结清 / 欠费 / 待结算 of each bill, as the 账单 list and detail show it. */
export async function billStandings<B extends Pick<Bill, 'id' | 'status'>>(
  db: Db,
  accountId: number,
  bills: B[],
): Promise<(B & { standing: BillStanding })[]> {
  const unpaid = await unpaidBillIds(db, accountId);
  return bills.map((bill) => ({
    ...bill,
    standing: bill.status !== 'settled' ? 'pending' : unpaid.has(String(bill.id)) ? 'arrears' : 'settled',
  }));
}

import { and, eq, gt, gte, max } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { ledgerEntries } from '@/db/schema';
import type { Bill } from '@/server/billing';

export type BillStanding = 'settled' | 'arrears' | 'pending';

/**
 * Ids of the bills whose deduction is still unpaid: those charged after cash was last 0
 * or more. Every entry since then left cash below 0, so those bills are the debt a
 * top-up has not yet covered; once cash is back at ≥ 0 the set is empty.
 */
function unpaidBillIds(db: DB, accountId: number): Set<string> {
  const account = eq(ledgerEntries.accountId, accountId);
  const lastSolvent =
    db.select({ id: max(ledgerEntries.id) }).from(ledgerEntries).where(and(account, gte(ledgerEntries.cashAfterFen, 0))).get()?.id ?? 0;
  const unpaid = db
    .select({ ref: ledgerEntries.ref })
    .from(ledgerEntries)
    .where(and(account, eq(ledgerEntries.type, 'bill_payment'), gt(ledgerEntries.id, lastSolvent)))
    .all();
  return new Set(unpaid.map((e) => e.ref));
}

/** 已结清 / 欠费 / 待结算 of each bill, as the 账单 list and detail show it. */
export function billStandings<B extends Pick<Bill, 'id' | 'status'>>(db: DB, accountId: number, bills: B[]): (B & { standing: BillStanding })[] {
  const unpaid = unpaidBillIds(db, accountId);
  return bills.map((bill) => ({
    ...bill,
    standing: bill.status !== 'settled' ? 'pending' : unpaid.has(String(bill.id)) ? 'arrears' : 'settled',
  }));
}

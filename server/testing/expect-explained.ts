import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '@/db/client';
import { bills } from '@/db/schema';
import { Decimal, roundToFen, yuanToFen } from '@/lib/money';
import { explainStoredBill } from '@/server/queries/bill-explanation';
import { getBill } from '@/server/queries/bills';

/**
 * 账单解读 of every bill of the account, checked with arithmetic of its own (not the
 * explainer's): each line's explained calls add up to its total, charged × unit price is
 * the line's exact amount, and the lines round to the bill's payable. Returns how many
 * bills were checked, so a story can say it had some.
 */
export async function expectBillsExplained(db: Db, accountId: number): Promise<number> {
  const rows = await db.select({ id: bills.id }).from(bills).where(eq(bills.accountId, accountId));
  for (const { id } of rows) {
    const detail = await getBill(db, accountId, id);
    const explained = explainStoredBill(detail);
    expect(explained.lines.map((l) => l.item)).toEqual(detail.lines.map((l) => l.item));
    explained.lines.forEach((e, i) => {
      const line = detail.lines[i];
      expect(e.free.calls + e.packs.reduce((n, p) => n + p.calls, 0) + e.charged.calls).toBe(line.totalCalls);
      expect(e.total.calls).toBe(line.totalCalls);
      expect(new Decimal(e.charged.unitPrice).times(e.charged.calls).div(1000).toFixed()).toBe(new Decimal(line.amount).toFixed());
      expect(e.charged.amount).toBe(line.amount);
    });
    const sum = detail.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(explained.subtotal).toBe(sum.toFixed());
    expect(yuanToFen(roundToFen(sum))).toBe(detail.bill.payableFen);
    expect(sum.plus(explained.precisionAdjustment).times(100).toNumber()).toBe(detail.bill.payableFen);
  }
  return rows.length;
}

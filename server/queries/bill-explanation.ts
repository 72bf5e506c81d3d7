import type { ItemCode, Tier } from '@/lib/catalog';
import { explainBill, type BillExplanation } from '@/lib/pricing';
import type { BillDetail } from './bills';

/**
 * 账单解读 of a stored bill: its own lines and payable, explained by lib/pricing (which
 * refuses figures that do not add up). Bills keep each line's total pack calls, not the
 * calls per pack, so the packs show as one piece (docs/billing-rules.md).
 */
export function explainStoredBill(detail: Pick<BillDetail, 'bill' | 'lines'>): BillExplanation {
  const lines = detail.lines.map((l) => ({
    item: l.item as ItemCode,
    totalCalls: l.totalCalls,
    freeCalls: l.freeCalls,
    packCalls: l.packCalls,
    chargedCalls: l.chargedCalls,
    tier: l.tier as Tier | null,
    unitPrice: l.unitPrice,
    amount: l.amount,
  }));
  return explainBill({ lines, payableFen: detail.bill.payableFen });
}

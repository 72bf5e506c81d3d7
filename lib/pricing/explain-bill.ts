import type { ItemCode } from '../catalog';
import { Decimal, formatCny, formatCnyFen, formatExactCny, roundToFen, yuanToFen, type Fen } from '../money';
import { PricingError } from './errors';
import { explainLine, type LineExplanation, type PackCoverage } from './explain-line';
import type { RatedLine } from './rate-month';

export interface BillExplanation {
  lines: LineExplanation[];
  /** Exact sum of the line amounts, no padding. */
  subtotal: string;
  payableFen: Fen;
  /** payable − subtotal, exact and signed; "0" when none. */
  precisionAdjustment: string;
  /** From the exact lines to the payable: the rounding, in words. */
  text: string;
}

/**
 * 账单解读 of a whole bill: every line, then the one rounding of their exact sum to the
 * payable (计费精度差异). `payableFen` is what the bill charged; it must be that rounding.
 */
export function explainBill(
  bill: { lines: readonly RatedLine[]; payableFen: Fen },
  coverageByItem: Partial<Record<ItemCode, readonly PackCoverage[]>> = {},
): BillExplanation {
  const lines = bill.lines.map((line) => explainLine(line, coverageByItem[line.item]));
  const subtotal = bill.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  const payableFen = yuanToFen(roundToFen(subtotal));
  if (payableFen !== bill.payableFen) {
    throw new PricingError('INVALID_INPUT', `explainBill: payable ${bill.payableFen} fen is not the rounded sum ${payableFen} fen`);
  }
  const adjustment = new Decimal(payableFen).div(100).minus(subtotal);
  const adjustmentText = adjustment.isZero()
    ? '无计费精度差异'
    : `计费精度差异 ${formatCny(adjustment, { maxDecimals: 8, plusSign: true })}`;
  return {
    lines,
    subtotal: subtotal.toFixed(),
    payableFen,
    precisionAdjustment: adjustment.isZero() ? '0' : adjustment.toFixed(),
    text: `各项精确金额合计 ${formatExactCny(subtotal)}，四舍五入到分，应付 ${formatCnyFen(payableFen)}，${adjustmentText}`,
  };
}

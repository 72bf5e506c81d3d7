import { TOP_UP_MAX_FEN, TOP_UP_MIN_FEN, formatCnyFen, type Fen } from '@/lib/money';
import { BillingError } from '@/server/billing/errors';

/** Every way money comes in (online top-up, credited bank transfer) takes whole fen within these bounds. */
export function assertTopUpAmount(amountFen: Fen): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < TOP_UP_MIN_FEN || amountFen > TOP_UP_MAX_FEN) {
    throw new BillingError('InvalidAmount', `充值金额须在 ${formatCnyFen(TOP_UP_MIN_FEN)} 至 ${formatCnyFen(TOP_UP_MAX_FEN)} 之间`);
  }
}

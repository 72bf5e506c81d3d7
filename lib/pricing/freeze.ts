import { FREEZE_RATIO } from '../catalog';
import { Decimal, roundToFen, yuanToFen, type Fen } from '../money';
import { PricingError } from './errors';
import type { RatedMonth } from './rate-month';

/**
 * Amount frozen at settlement of month M as the estimate for M+1 (SPEC §6): M's charged
 * calls × list price × 100%, i.e. M's payable before any discount. Rounded half up to
 * fen like the payable, so with a 100% ratio the two are always equal.
 */
export function estimateFreeze(rated: Pick<RatedMonth, 'subtotal'>): Fen {
  let subtotal: Decimal;
  try {
    subtotal = new Decimal(rated.subtotal);
  } catch {
    throw new PricingError('INVALID_INPUT', `estimateFreeze: subtotal is not a number: ${String(rated?.subtotal)}`);
  }
  if (!subtotal.isFinite() || subtotal.isNegative()) {
    throw new PricingError('INVALID_INPUT', `estimateFreeze: subtotal must be ≥ 0, got ${rated.subtotal}`);
  }
  return yuanToFen(roundToFen(subtotal.times(FREEZE_RATIO)));
}

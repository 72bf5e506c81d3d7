import { scheduleFor, type ItemCode } from '../catalog';
import { Decimal, type Fen } from '../money';
import { isBetaMonth, type Month } from '../period';
import { PricingError } from './errors';
import { perCallPricesFor, tierOf } from './tiers';
import { assertItem, assertMonth, countError, isCount } from './validate';

/** The days of the window 预计可用天数 averages over. */
export const DAYS_LEFT_WINDOW_DAYS = 7;

/** Postpaid calls of one item charged on the window's days of one month. */
export interface WindowCharges {
  item: ItemCode;
  month: Month;
  /** The month's total calls so far (all sources): the tier, as the bill and 本月预估 rate it. */
  monthTotalCalls: number;
  /** Calls of the window's days in this month that went to postpaid (计费调用量). */
  chargedCalls: number;
}

/**
 * Exact 元 the window's postpaid calls cost: each charged call at the per-call price of
 * the tier its month reached (阶梯到达, the month's total so far), ¥0 in the public beta
 * and for items not charged — the prices and tiers rateMonth uses for the bill. Free and
 * pack calls cost nothing here: a pack was paid for when bought, not as it is used.
 */
export function windowChargedSpend(charges: readonly WindowCharges[]): string {
  let spend = new Decimal(0);
  charges.forEach((c, i) => {
    const item = assertItem(c?.item, `charges[${i}]`);
    const month = assertMonth(c.month);
    if (!isCount(c.monthTotalCalls)) throw countError(c.monthTotalCalls, `charges[${i}].monthTotalCalls`);
    if (!isCount(c.chargedCalls)) throw countError(c.chargedCalls, `charges[${i}].chargedCalls`);
    if (c.chargedCalls > c.monthTotalCalls) {
      throw new PricingError('CALLS_EXCEED_TOTAL', `charges[${i}] (${item} ${month}): chargedCalls ${c.chargedCalls} exceed monthTotalCalls ${c.monthTotalCalls}`);
    }
    const perCall = perCallPricesFor(item, isBetaMonth(month) ? null : scheduleFor(month));
    if (perCall) spend = spend.plus(perCall[tierOf(c.monthTotalCalls) - 1].times(c.chargedCalls));
  });
  return spend.toFixed();
}

export type DaysLeft =
  /** Cash below 0: postpaid calls are refused until a top-up, so nothing to project. */
  | { status: 'arrears' }
  /** No postpaid spend in the window: the balance is not being drawn on. */
  | { status: 'no-spend' }
  | { status: 'days'; days: number };

/**
 * 预计可用天数: the available balance ÷ the window's average daily spend
 * (spend ÷ 7), floored to whole days (a day the balance cannot pay for in full does not
 * count). Computed as ⌊available × 7 ÷ spend⌋ in exact decimals; an available balance
 * at or below 0 (all of it frozen) gives 0 days.
 */
export function daysLeft(input: { availableFen: Fen; inArrears: boolean; windowSpendYuan: Decimal.Value }): DaysLeft {
  if (!Number.isSafeInteger(input?.availableFen)) throw new PricingError('INVALID_INPUT', `daysLeft: availableFen must be whole fen, got ${String(input?.availableFen)}`);
  let spend: Decimal;
  try {
    spend = new Decimal(input.windowSpendYuan);
  } catch {
    throw new PricingError('INVALID_INPUT', `daysLeft: windowSpendYuan is not a number: ${String(input.windowSpendYuan)}`);
  }
  if (!spend.isFinite() || spend.isNegative()) throw new PricingError('INVALID_INPUT', `daysLeft: windowSpendYuan must be ≥ 0, got ${String(input.windowSpendYuan)}`);
  if (input.inArrears) return { status: 'arrears' };
  if (spend.isZero()) return { status: 'no-spend' };
  if (input.availableFen <= 0) return { status: 'days', days: 0 };
  const weekOfBalance = new Decimal(input.availableFen).div(100).times(DAYS_LEFT_WINDOW_DAYS);
  // divToInt truncates the exact quotient; div().floor() would first round it to 40
  // digits, and a value just under a whole number could round up to it.
  const days = weekOfBalance.divToInt(spend);
  return { status: 'days', days: days.toNumber() };
}

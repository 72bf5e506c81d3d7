import { FREE_CALLS_PER_MONTH, PACK_VALID_MONTHS, scheduleFor, type ItemCode, type Tier } from '../catalog';
import type { Fen } from '../money';
import { isBetaMonth, nextMonth, type Month } from '../period';
import { PricingError } from './errors';
import { perCallPricesFor, tierOf } from './tiers';

/**
 * The pack advisor's cost model of one item over the 12 months a pack is valid, in exact
 * integers: prices in 10⁻⁸ 元 per call ("e8", the precision of a rated line) and fen.
 * The search evaluates it thousands of times, so it does no decimal arithmetic; tests
 * check it against rateMonth, which the bill uses.
 */
export interface AdvisorModel {
  item: ItemCode;
  months: readonly Month[];
  monthlyCalls: number;
  /** Tier reached by the month's total (all calls, free and pack ones included). */
  tier: Tier;
  freeCallsPerMonth: number;
  /** Calls a month left after the free pack: what packs or postpaid must pay for. */
  paidCallsPerMonth: number;
  /** Per-call price of each month at the tier reached, in e8 (0 where not charged). */
  perCallE8: readonly number[];
  /** suffixFen[k]: payable of months k…11 when none of their calls is covered by packs. */
  suffixFen: readonly number[];
}

/** Above this the e8 products could leave the safe-integer range; no account is near it. */
export const MAX_ADVISED_MONTHLY_CALLS = 1_000_000_000;
const E8_PER_FEN = 1_000_000;

/** Half up to whole fen, like the bill's payable; exact for every safe integer. */
export function roundE8ToFen(e8: number): Fen {
  const shifted = e8 + E8_PER_FEN / 2;
  if (!Number.isSafeInteger(shifted) || e8 < 0) throw new RangeError(`roundE8ToFen: out of range: ${e8}`);
  // `%` is exact on integers, unlike a float division followed by floor.
  return (shifted - (shifted % E8_PER_FEN)) / E8_PER_FEN;
}

function perCallE8For(item: ItemCode, month: Month, tier: Tier): number {
  const prices = isBetaMonth(month) ? null : perCallPricesFor(item, scheduleFor(month));
  if (!prices) return 0;
  const e8 = prices[tier - 1].times(1e8);
  if (!e8.isInteger()) throw new PricingError('INVALID_INPUT', `${item} ${month}: price has more than 8 decimals per call`);
  return e8.toNumber();
}

export function buildAdvisorModel(item: ItemCode, startMonth: Month, monthlyCalls: number): AdvisorModel {
  const months: Month[] = [startMonth];
  while (months.length < PACK_VALID_MONTHS) months.push(nextMonth(months[months.length - 1]));
  const tier = tierOf(monthlyCalls);
  const freeCallsPerMonth = Math.min(monthlyCalls, FREE_CALLS_PER_MONTH);
  const paidCallsPerMonth = monthlyCalls - freeCallsPerMonth;
  const perCallE8 = months.map((m) => perCallE8For(item, m, tier));
  const suffixFen = new Array<number>(months.length + 1).fill(0);
  for (let k = months.length - 1; k >= 0; k--) {
    suffixFen[k] = suffixFen[k + 1] + roundE8ToFen(paidCallsPerMonth * perCallE8[k]);
  }
  return { item, months, monthlyCalls, tier, freeCallsPerMonth, paidCallsPerMonth, perCallE8, suffixFen };
}

/**
 * Postpaid fen left over the 12 months when `packCalls` prepaid calls are bought at the
 * start. Packs expire together, so the deduction order (free pack, then packs, then
 * postpaid) spends them month by month: whole months covered, then one partial month,
 * then months paid in full.
 */
export function residualPostpaidFen(model: AdvisorModel, packCalls: number): Fen {
  const need = model.paidCallsPerMonth;
  if (need === 0) return 0;
  const partial = packCalls % need;
  const covered = (packCalls - partial) / need;
  if (covered >= model.months.length) return 0;
  return roundE8ToFen((need - partial) * model.perCallE8[covered]) + model.suffixFen[covered + 1];
}

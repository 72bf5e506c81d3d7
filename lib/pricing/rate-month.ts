import { ITEM_CODES, scheduleFor, type ItemCode, type PriceSchedule, type Tier } from '../catalog';
import { Decimal } from '../money';
import { isBetaMonth, type Month } from '../period';
import { PricingError } from './errors';
import { perCallPricesFor, tierOf } from './tiers';
import { assertItem, assertMonth, countError, isCount } from './validate';

export interface ItemUsage {
  item: ItemCode;
  /** Every successful call of the month; picks the tier. */
  totalCalls: number;
  /** Calls covered by the month's free pack. */
  freeCalls: number;
  /** Calls covered by prepaid packs. */
  packCalls: number;
}

export interface RateMonthInput {
  /** 'YYYY-MM', a billing month in UTC+8. */
  month: Month;
  items: readonly ItemUsage[];
}

export interface RatedLine extends ItemUsage {
  chargedCalls: number;
  /** null when the line is not charged at all: public beta months and unpriced items. */
  tier: Tier | null;
  /** 元 per 1,000 calls, exact ("2.5"); "0" when not charged. */
  unitPrice: string;
  /** 元, exact, at most 8 decimals, no padding ("0.0025", "2500", "0"). */
  amount: string;
}

export interface RatedMonth {
  /** One line per item given, in catalog order (ITEM_CODES), whatever the input order. */
  lines: RatedLine[];
  /** Exact sum of line amounts, no padding ("0.005", "0"). */
  subtotal: string;
  /** Subtotal rounded half up to fen, always 2 decimals ("0.01"). */
  payable: string;
  /** payable − subtotal, exact and signed, no padding: "0.005", "-0.0025", or "0" when none. */
  precisionAdjustment: string;
}

const ITEM_INDEX = Object.fromEntries(ITEM_CODES.map((code, i) => [code, i])) as Record<ItemCode, number>;
const COUNT_FIELDS = ['totalCalls', 'freeCalls', 'packCalls'] as const;
const ZERO = new Decimal(0);

function checkedUsage(raw: ItemUsage, index: number): ItemUsage {
  if (!raw || typeof raw !== 'object') throw new PricingError('INVALID_INPUT', `items[${index}] must be an object`);
  const item = assertItem(raw.item, `items[${index}]`);
  for (const field of COUNT_FIELDS) {
    // Messages are built only on failure: this runs for every line of every bill.
    if (!isCount(raw[field])) throw countError(raw[field], `items[${index}] (${item}).${field}`);
  }
  const { totalCalls, freeCalls, packCalls } = raw;
  if (freeCalls + packCalls > totalCalls) {
    throw new PricingError(
      'CALLS_EXCEED_TOTAL',
      `items[${index}] (${item}): freeCalls ${freeCalls} + packCalls ${packCalls} exceed totalCalls ${totalCalls}`,
    );
  }
  // `+ 0` turns a -0 count into 0.
  return { item, totalCalls: totalCalls + 0, freeCalls: freeCalls + 0, packCalls: packCalls + 0 };
}

function rateLine(usage: ItemUsage, schedule: PriceSchedule | null): { line: RatedLine; amount: Decimal } {
  const { item, totalCalls, freeCalls, packCalls } = usage;
  const chargedCalls = totalCalls - freeCalls - packCalls;
  const perCall = perCallPricesFor(item, schedule);
  if (!perCall) {
    const line = { item, totalCalls, freeCalls, packCalls, chargedCalls, tier: null, unitPrice: '0', amount: '0' };
    return { line, amount: ZERO };
  }
  // Tiered reach: the tier of the whole month's total prices every charged call.
  const tier = tierOf(totalCalls);
  const amount = perCall[tier - 1].times(chargedCalls);
  const unitPrice = schedule!.prices[item]![tier - 1];
  const line = { item, totalCalls, freeCalls, packCalls, chargedCalls, tier, unitPrice, amount: amount.toFixed() };
  return { line, amount };
}

/**
 * Rates one account's month. Amounts are exact: per-call prices have at most 8 decimals
 * and counts are safe integers, so 40 significant digits never round. Only the bill's
 * total is rounded to fen, once, and the difference is shown as 计费精度差异.
 */
export function rateMonth(input: RateMonthInput): RatedMonth {
  if (!input || typeof input !== 'object' || !Array.isArray(input.items)) {
    throw new PricingError('INVALID_INPUT', 'rateMonth expects { month, items: [...] }');
  }
  const month = assertMonth(input.month);
  const schedule = isBetaMonth(month) ? null : scheduleFor(month);

  const byItem: (ItemUsage | undefined)[] = new Array(ITEM_CODES.length);
  for (let i = 0; i < input.items.length; i++) {
    const usage = checkedUsage(input.items[i], i);
    const slot = ITEM_INDEX[usage.item];
    if (byItem[slot]) {
      throw new PricingError('DUPLICATE_ITEM', `items[${i}]: item ${usage.item} appears more than once`);
    }
    byItem[slot] = usage;
  }

  const lines: RatedLine[] = [];
  let subtotal = ZERO;
  for (const usage of byItem) {
    if (!usage) continue;
    const rated = rateLine(usage, schedule);
    lines.push(rated.line);
    subtotal = subtotal.plus(rated.amount);
  }
  const payable = subtotal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const adjustment = payable.minus(subtotal);
  return {
    lines,
    subtotal: subtotal.toFixed(),
    payable: payable.toFixed(2),
    precisionAdjustment: adjustment.isZero() ? '0' : adjustment.toFixed(),
  };
}

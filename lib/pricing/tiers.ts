import {
  ITEMS,
  PRICE_SCHEDULES,
  TIER_UPPER_BOUNDS,
  scheduleFor,
  type ItemCode,
  type PriceSchedule,
  type Tier,
} from '../catalog';
import { Decimal } from '../money';
import { isBetaMonth } from '../period';
import { PricingError } from './errors';
import { assertCount, assertItem, assertMonth } from './validate';

/**
 * Tier reached by a month's total calls of one item (阶梯到达). Each upper bound belongs
 * to its own tier: exactly 1,000,000 calls is still tier 1.
 */
export function tierFor(totalCalls: number): Tier {
  return tierOf(assertCount(totalCalls, 'totalCalls'));
}

/** tierFor for a count already checked. */
export function tierOf(totalCalls: number): Tier {
  for (let i = 0; i < TIER_UPPER_BOUNDS.length; i++) {
    if (totalCalls <= TIER_UPPER_BOUNDS[i]) return (i + 1) as Tier;
  }
  return 4;
}

function isTier(t: unknown): t is Tier {
  return t === 1 || t === 2 || t === 3 || t === 4;
}

/** Price per single call (元), built once per schedule so rating does one multiply per line. */
const perCallPrices = new Map<PriceSchedule, Partial<Record<ItemCode, readonly Decimal[]>>>(
  PRICE_SCHEDULES.map((schedule) => {
    const byItem: Partial<Record<ItemCode, readonly Decimal[]>> = {};
    for (const [item, row] of Object.entries(schedule.prices) as [ItemCode, readonly string[] | null][]) {
      if (row && ITEMS[item].billable) byItem[item] = row.map((perThousand) => new Decimal(perThousand).div(1000));
    }
    return [schedule, byItem];
  }),
);

/**
 * Per-call prices of an item in a schedule, or null when the item is not charged:
 * public beta (no schedule), an item marked not billable, or no price in the schedule.
 */
export function perCallPricesFor(item: ItemCode, schedule: PriceSchedule | null): readonly Decimal[] | null {
  return (schedule && perCallPrices.get(schedule)?.[item]) || null;
}

/** List unit price in 元 per 1,000 calls; "0" for items not charged and for beta months. */
export function unitPriceFor(item: ItemCode, month: string, tier: Tier | null): string {
  assertItem(item, 'unitPriceFor');
  assertMonth(month);
  if (isBetaMonth(month) || !ITEMS[item].billable) return '0';
  if (!isTier(tier)) throw new PricingError('INVALID_TIER', `tier must be 1, 2, 3 or 4, got ${String(tier)}`);
  const row = scheduleFor(month)?.prices[item];
  return row ? row[tier - 1] : '0';
}

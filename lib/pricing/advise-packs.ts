import { ITEMS, PACK_SIZES, type ItemCode, type PackSizeCode, type Tier } from '../catalog';
import { yuanToFen, type Fen } from '../money';
import { isBetaMonth, type Month } from '../period';
import { PricingError } from './errors';
import { buildAdvisorModel, MAX_ADVISED_MONTHLY_CALLS, type AdvisorModel } from './month-cost';
import { packPriceFen } from './pack-price';
import { cheapestPacks } from './pack-search';
import { rateMonth } from './rate-month';
import { unitPriceFor } from './tiers';
import { assertCount, assertItem, assertMonth } from './validate';

export interface AdvisePacksInput {
  item: ItemCode;
  /** Calls a month, assumed the same for each of the 12 months. */
  monthlyCalls: number;
  /** First of the 12 months; the packs are bought at its start. */
  startMonth: Month;
}

export interface AdvisedPack {
  size: PackSizeCode;
  label: string;
  quantity: number;
  priceFen: Fen;
}

/** One month of the 12 as its bill would rate it (one line of this item). */
export interface AdvisedMonth {
  month: Month;
  freeCalls: number;
  packCalls: number;
  chargedCalls: number;
  /** Exact line amount in 元, as rateMonth gives it. */
  amount: string;
  payableFen: Fen;
}

export interface PackAdvice {
  item: ItemCode;
  monthlyCalls: number;
  tier: Tier;
  /** 元 per 1,000 calls at the tier reached, in the first month. */
  unitPrice: string;
  postpaidFen: Fen;
  plan: {
    /** Sizes bought, smallest first; empty when postpaid only is cheapest. */
    packs: AdvisedPack[];
    packCalls: number;
    packFen: Fen;
    residualPostpaidFen: Fen;
    totalFen: Fen;
  };
  /** postpaidFen − plan.totalFen, never negative. */
  savingFen: Fen;
  postpaidMonths: AdvisedMonth[];
  planMonths: AdvisedMonth[];
}

/**
 * The 12 months as the bills would rate them: packs drawn month by month after the free
 * pack, each month's payable rounded half up to fen. Rated by rateMonth itself, so the
 * figures shown are the bill's, not the search's model of it.
 */
function rateMonths(model: AdvisorModel, packCalls: number): AdvisedMonth[] {
  let packLeft = packCalls;
  return model.months.map((month) => {
    const used = Math.min(packLeft, model.paidCallsPerMonth);
    packLeft -= used;
    const usage = { item: model.item, totalCalls: model.monthlyCalls, freeCalls: model.freeCallsPerMonth, packCalls: used };
    const rated = rateMonth({ month, items: [usage] });
    const line = rated.lines[0];
    return { month, freeCalls: line.freeCalls, packCalls: used, chargedCalls: line.chargedCalls, amount: line.amount, payableFen: yuanToFen(rated.payable) };
  });
}

const sumPayable = (months: readonly AdvisedMonth[]): Fen => months.reduce((sum, m) => sum + m.payableFen, 0);

/** 资源包推荐: the cheapest of postpaid only and every mix of 1–99 packs per size. */
export function advisePacks(input: AdvisePacksInput): PackAdvice {
  const item = assertItem(input?.item, 'advisePacks');
  const startMonth = assertMonth(input.startMonth);
  const monthlyCalls = assertCount(input.monthlyCalls, 'monthlyCalls');
  if (monthlyCalls > MAX_ADVISED_MONTHLY_CALLS) {
    throw new PricingError('INVALID_COUNT', `monthlyCalls must be at most ${MAX_ADVISED_MONTHLY_CALLS}, got ${monthlyCalls}`);
  }
  if (!ITEMS[item].packGroup) throw new PricingError('NO_PACKS_FOR_ITEM', `${item} (${ITEMS[item].name}) has no prepaid packs`);
  if (isBetaMonth(startMonth)) throw new PricingError('INVALID_MONTH', `packs cannot be bought during the public beta (${startMonth})`);

  const model = buildAdvisorModel(item, startMonth, monthlyCalls);
  const sizes = PACK_SIZES.map((size) => ({ calls: size.calls, unitFen: packPriceFen({ item, size: size.code }, 1) }));
  const best = cheapestPacks(model, sizes);

  const packs = PACK_SIZES.flatMap((size, i): AdvisedPack[] => {
    const quantity = best.quantities[i];
    return quantity ? [{ size: size.code, label: size.label, quantity, priceFen: packPriceFen({ item, size: size.code }, quantity) }] : [];
  });
  const packCalls = PACK_SIZES.reduce((sum, size, i) => sum + size.calls * best.quantities[i], 0);
  const packFen = packs.reduce((sum, p) => sum + p.priceFen, 0);
  const postpaidMonths = rateMonths(model, 0);
  const planMonths = rateMonths(model, packCalls);
  const postpaidFen = sumPayable(postpaidMonths);
  const residual = sumPayable(planMonths);
  return {
    item,
    monthlyCalls,
    tier: model.tier,
    unitPrice: unitPriceFor(item, startMonth, model.tier),
    postpaidFen,
    plan: { packs, packCalls, packFen, residualPostpaidFen: residual, totalFen: packFen + residual },
    savingFen: postpaidFen - (packFen + residual),
    postpaidMonths,
    planMonths,
  };
}

/**
 * The volume the advisor assumes from past months (the last 3 complete ones): their
 * average, rounded half up to a whole call. Exact integer arithmetic, no float division.
 */
export function averageMonthlyCalls(monthCalls: readonly number[]): number {
  if (!Array.isArray(monthCalls) || monthCalls.length === 0) {
    throw new PricingError('INVALID_INPUT', 'averageMonthlyCalls needs at least one month');
  }
  const sum = monthCalls.reduce((acc, n, i) => acc + assertCount(n, `monthCalls[${i}]`), 0);
  assertCount(sum, 'sum of monthCalls');
  const n = monthCalls.length;
  const rest = sum % n;
  return (sum - rest) / n + (2 * rest >= n ? 1 : 0);
}

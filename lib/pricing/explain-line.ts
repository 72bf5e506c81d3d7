import { BETA_FREE_LABEL, ITEMS, TIER_LABELS, TIER_UPPER_BOUNDS, type ItemCode, type Tier } from '../catalog';
import { Decimal, formatCalls, formatExactCny } from '../money';
import { PricingError } from './errors';
import type { RatedLine } from './rate-month';

/** Calls of one prepaid pack that went into the line; the label says which pack. */
export interface PackCoverage {
  packLabel: string;
  calls: number;
}

export interface LineExplanation {
  item: ItemCode;
  itemName: string;
  total: { calls: number; tier: Tier | null; text: string };
  free: { calls: number; text: string };
  /** One piece per prepaid pack; a single unlabelled piece when no coverage was given. */
  packs: (PackCoverage & { text: string })[];
  /** amount = calls × unitPrice ÷ 1000, exact. */
  charged: { calls: number; unitPrice: string; amount: string; text: string };
  /** The sentences to show, in order; pieces with no calls are left out. */
  text: string[];
}

/** 1,000,000 → "100万次": the boundaries as the price table writes them. */
function callsInWan(n: number): string {
  return n % 10_000 === 0 ? `${n / 10_000}万次` : `${formatCalls(n)} 次`;
}

/** Why the month's total reached its tier: the boundary it passed, or the one it stayed within. */
function tierReason(totalCalls: number, tier: Tier | null): string {
  const total = `本月共 ${formatCalls(totalCalls)} 次`;
  if (tier === null) return `${total}，${BETA_FREE_LABEL}，不计费`;
  const reached = `第 ${tier} 档（${TIER_LABELS[tier]}）`;
  if (tier === 1) return `${total}，未超过 ${callsInWan(TIER_UPPER_BOUNDS[0])}，为${reached}`;
  return `${total}，超过 ${callsInWan(TIER_UPPER_BOUNDS[tier - 2])}，达到${reached}`;
}

function inconsistent(item: ItemCode, what: string): PricingError {
  return new PricingError('INVALID_INPUT', `explainLine (${item}): ${what}`);
}

/**
 * 账单解读 of one bill line. It explains the line's own figures and refuses a line whose
 * figures do not add up, so what the customer reads is exactly what was charged.
 */
export function explainLine(line: RatedLine, coverage?: readonly PackCoverage[]): LineExplanation {
  const { item, totalCalls, freeCalls, packCalls, chargedCalls, tier, unitPrice, amount } = line;
  if (freeCalls + packCalls + chargedCalls !== totalCalls) throw inconsistent(item, 'free + pack + charged calls ≠ total');
  if (!new Decimal(unitPrice).times(chargedCalls).div(1000).eq(amount)) throw inconsistent(item, 'charged × unit price ≠ amount');
  const given = coverage ?? (packCalls > 0 ? [{ packLabel: '', calls: packCalls }] : []);
  if (given.reduce((sum, p) => sum + p.calls, 0) !== packCalls) throw inconsistent(item, 'pack coverage ≠ packCalls');

  const total = { calls: totalCalls, tier, text: tierReason(totalCalls, tier) };
  const free = { calls: freeCalls, text: `免费资源包抵扣 ${formatCalls(freeCalls)} 次` };
  const packs = given.map((p) => ({
    ...p,
    text: `预付费资源包${p.packLabel ? `「${p.packLabel}」` : ''}抵扣 ${formatCalls(p.calls)} 次`,
  }));
  const priced = `计费 ${formatCalls(chargedCalls)} 次 × ¥${unitPrice}/千次 = ${formatExactCny(amount)}`;
  const charged = { calls: chargedCalls, unitPrice, amount, text: tier === null ? `${priced}（${BETA_FREE_LABEL}）` : priced };
  const text = [
    total.text,
    ...(freeCalls > 0 ? [free.text] : []),
    ...packs.filter((p) => p.calls > 0).map((p) => p.text),
    charged.text,
  ];
  return { item, itemName: ITEMS[item].name, total, free, packs, charged, text };
}

import { describe, expect, it } from 'vitest';
import type { ItemCode } from '../catalog';
import { advisePacks, averageMonthlyCalls, PricingError, type PricingErrorCode } from './index';

interface Case {
  rule: string;
  item: ItemCode;
  monthlyCalls: number;
  tier: number;
  postpaidFen: number;
  packs: [string, number][];
  packFen: number;
  residualFen: number;
  savingFen: number;
}

// Every figure worked out by hand from SPEC §1/§4 for the 12 months 2020-01…2020-12.
// "paid" = calls a month after the 10,000 free; postpaid a month = paid × unit price ÷ 1000,
// rounded half up to fen.
// prettier-ignore
const CASES: Case[] = [
  // 5,000 calls are all free.
  { rule: 'within the free pack nothing is paid', item: 'label', monthlyCalls: 5_000, tier: 1,
    postpaidFen: 0, packs: [], packFen: 0, residualFen: 0, savingFen: 0 },
  // paid 40,000 × ¥0.0025 = ¥100 a month → ¥1,200. 4 × 10万 (¥900) cover 10 months; Nov and Dec
  // pay ¥100 each → ¥1,100. 5 × 10万 would be ¥1,125.
  { rule: '50,000 label calls: 4 × 10万 and two postpaid months', item: 'label', monthlyCalls: 50_000, tier: 1,
    postpaidFen: 120_000, packs: [['100k', 4]], packFen: 90_000, residualFen: 20_000, savingFen: 10_000 },
  // Exactly 100万 stays in tier 1 (¥2.5): paid 990,000 → ¥2,475 a month → ¥29,700. Need 11,880,000.
  // 1000万 + 100万 + 8 × 10万 = 11,800,000 calls for ¥20,800, Dec pays 80,000 × ¥0.0025 = ¥200 → ¥21,000.
  // 1000万 + 2 × 100万 also costs ¥21,000 but pays ¥21,000 up front: the tie goes to less up front.
  { rule: 'exactly 1,000,000 label calls: a mix of all three sizes, tie to less paid up front', item: 'label', monthlyCalls: 1_000_000, tier: 1,
    postpaidFen: 2_970_000, packs: [['100k', 8], ['1m', 1], ['10m', 1]], packFen: 2_080_000, residualFen: 20_000, savingFen: 870_000 },
  // 1,000,001 reaches tier 2 (¥2.2) for every charged call: 990,001 × ¥0.0022 = ¥2,178.0022 → ¥2,178.00
  // a month → ¥26,136.00. 1000万 + 100万 (¥19,000) cover 11 months and 109,989 of December, which pays
  // 880,012 × ¥0.0022 = ¥1,936.0264 → ¥1,936.03. Total ¥20,936.03.
  { rule: '1,000,001 label calls reach tier 2; each month rounds to fen on its own', item: 'label', monthlyCalls: 1_000_001, tier: 2,
    postpaidFen: 2_613_600, packs: [['1m', 1], ['10m', 1]], packFen: 1_900_000, residualFen: 193_603, savingFen: 519_997 },
  // 400万 > 300万 → tier 3 (¥2): paid 3,990,000 × ¥0.002 = ¥7,980 a month → ¥95,760. 4 × 1000万 (¥68,000)
  // cover 10 months and 100,000 of November (3,890,000 × ¥0.002 = ¥7,780); December ¥7,980 → ¥83,760.
  // A 100万 pack costs ¥0.002 a call, the same as postpaid, so it is not bought.
  { rule: '4,000,000 label calls (tier 3): 4 × 1000万', item: 'label', monthlyCalls: 4_000_000, tier: 3,
    postpaidFen: 9_576_000, packs: [['10m', 4]], packFen: 6_800_000, residualFen: 1_576_000, savingFen: 1_200_000 },
  // Group C: paid 90,000 × ¥0.003 = ¥270 a month → ¥3,240. One 100万 (¥2,400) covers 11 months and
  // 10,000 of December, which pays 80,000 × ¥0.003 = ¥240 → ¥2,640.
  { rule: '100,000 car calls: one 100万 pack', item: 'car', monthlyCalls: 100_000, tier: 1,
    postpaidFen: 324_000, packs: [['1m', 1]], packFen: 240_000, residualFen: 24_000, savingFen: 60_000 },
  // Tier 4 porn is ¥0.001 a call; the cheapest pack (1000万 for ¥11,000) is ¥0.0011: postpaid only.
  // 19,990,000 × ¥0.001 = ¥19,990 a month → ¥239,880.
  { rule: '20,000,000 porn calls (tier 4): postpaid is cheaper than any pack', item: 'porn', monthlyCalls: 20_000_000, tier: 4,
    postpaidFen: 23_988_000, packs: [], packFen: 0, residualFen: 23_988_000, savingFen: 0 },
];

describe('advisePacks: hand-worked cases for 2020', () => {
  it.each(CASES)('$rule', (c) => {
    const advice = advisePacks({ item: c.item, monthlyCalls: c.monthlyCalls, startMonth: '2020-01' });
    expect(advice.tier).toBe(c.tier);
    expect(advice.postpaidFen).toBe(c.postpaidFen);
    expect(advice.plan.packs.map((p) => [p.size, p.quantity])).toEqual(c.packs);
    expect(advice.plan.packFen).toBe(c.packFen);
    expect(advice.plan.residualPostpaidFen).toBe(c.residualFen);
    expect(advice.plan.totalFen).toBe(c.packFen + c.residualFen);
    expect(advice.savingFen).toBe(c.savingFen);
  });

  it('shows the 12 months as the bill rates them: 1,000,001 label calls with 1000万 + 100万', () => {
    const { planMonths, postpaidMonths, unitPrice } = advisePacks({ item: 'label', monthlyCalls: 1_000_001, startMonth: '2020-01' });
    expect(unitPrice).toBe('2.2');
    expect(planMonths.map((m) => m.month)).toEqual([
      '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06',
      '2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12',
    ]);
    expect(planMonths[0]).toEqual({ month: '2020-01', freeCalls: 10_000, packCalls: 990_001, chargedCalls: 0, amount: '0', payableFen: 0 });
    expect(planMonths[11]).toEqual({ month: '2020-12', freeCalls: 10_000, packCalls: 109_989, chargedCalls: 880_012, amount: '1936.0264', payableFen: 193_603 });
    expect(postpaidMonths[5]).toEqual({ month: '2020-06', freeCalls: 10_000, packCalls: 0, chargedCalls: 990_001, amount: '2178.0022', payableFen: 217_800 });
  });

  it('a window across the year end uses the months it covers', () => {
    const { planMonths } = advisePacks({ item: 'label', monthlyCalls: 50_000, startMonth: '2019-12' });
    expect([planMonths[0].month, planMonths[11].month]).toEqual(['2019-12', '2020-11']);
  });
});

describe('advisePacks refuses what it cannot advise on', () => {
  const refusal = (fn: () => unknown): PricingErrorCode | undefined => {
    try {
      fn();
    } catch (e) {
      if (e instanceof PricingError) return e.code;
      throw e;
    }
    return undefined;
  };

  it.each([
    { why: 'enhance has no packs', input: { item: 'enhance' as ItemCode, monthlyCalls: 1_000, startMonth: '2020-01' }, code: 'NO_PACKS_FOR_ITEM' },
    { why: 'no packs are sold in the beta', input: { item: 'label' as ItemCode, monthlyCalls: 1_000, startMonth: '2019-11' }, code: 'INVALID_MONTH' },
    { why: 'an unknown item', input: { item: 'faces' as ItemCode, monthlyCalls: 1_000, startMonth: '2020-01' }, code: 'UNKNOWN_ITEM' },
    { why: 'a fractional volume', input: { item: 'label' as ItemCode, monthlyCalls: 1.5, startMonth: '2020-01' }, code: 'INVALID_COUNT' },
    { why: 'a volume above 10亿', input: { item: 'label' as ItemCode, monthlyCalls: 1_000_000_001, startMonth: '2020-01' }, code: 'INVALID_COUNT' },
    { why: 'a malformed month', input: { item: 'label' as ItemCode, monthlyCalls: 1_000, startMonth: '2020-13' }, code: 'INVALID_MONTH' },
  ])('$why → $code', ({ input, code }) => {
    expect(refusal(() => advisePacks(input))).toBe(code);
  });
});

describe('averageMonthlyCalls: the volume from the last complete months', () => {
  it.each([
    { months: [300_000, 300_000, 300_000], average: 300_000 },
    { months: [100, 200, 301], average: 200 }, // 200.33 → 200
    { months: [100, 200, 302], average: 201 }, // 200.67 → 201
    { months: [1, 2], average: 2 }, // 1.5 rounds half up
    { months: [0, 0, 1], average: 0 },
  ])('$months → $average', ({ months, average }) => {
    expect(averageMonthlyCalls(months)).toBe(average);
  });

  it('refuses no months and counts that are not whole numbers', () => {
    expect(() => averageMonthlyCalls([])).toThrow(PricingError);
    expect(() => averageMonthlyCalls([1, -2, 3])).toThrow(PricingError);
  });
});

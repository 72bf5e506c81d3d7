import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS, ITEM_CODES, PACK_SIZES, type ItemCode } from '../catalog';
import { advisePacks } from './advise-packs';
import { buildAdvisorModel, residualPostpaidFen, type AdvisorModel } from './month-cost';
import { cheapestPacks, type SearchSize } from './pack-search';

const PACK_ITEMS = ITEM_CODES.filter((c) => ITEMS[c].packGroup);
// Written out again on purpose (SPEC §4, fen per pack), so prices are not read back from the code under test.
const PACK_FEN: Record<string, [number, number, number]> = {
  A: [22_500, 200_000, 1_700_000],
  B: [18_000, 150_000, 1_100_000],
  C: [27_000, 240_000, 1_800_000],
};
const volume = fc.oneof(
  fc.integer({ min: 0, max: 200_000_000 }),
  fc.integer({ min: 0, max: 1_000_000_000 }),
  fc.constantFrom(0, 10_000, 10_001, 999_999, 1_000_000, 1_000_001, 3_000_000, 3_000_001, 15_000_000, 15_000_001),
);
const startMonth = fc.constantFrom('2019-12', '2020-01', '2020-06', '2031-02');

/** Every quantity 0…max of every size: the search's answer must be as cheap as the best of these. */
function bruteForce(model: AdvisorModel, sizes: readonly SearchSize[], max: number): { totalFen: number; packFen: number } {
  let best = { totalFen: Infinity, packFen: Infinity };
  const walk = (i: number, calls: number, fen: number): void => {
    if (i === sizes.length) {
      const totalFen = fen + residualPostpaidFen(model, calls);
      if (totalFen < best.totalFen || (totalFen === best.totalFen && fen < best.packFen)) best = { totalFen, packFen: fen };
      return;
    }
    for (let q = 0; q <= max; q++) walk(i + 1, calls + q * sizes[i].calls, fen + q * sizes[i].unitFen);
  };
  walk(0, 0, 0);
  return best;
}

const realSizes = (item: ItemCode): SearchSize[] =>
  PACK_SIZES.map((size, i) => ({ calls: size.calls, unitFen: PACK_FEN[ITEMS[item].packGroup!][i] }));

describe('advisePacks properties', () => {
  it('never advises a plan costing more than postpaid, in whole fen that add up', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PACK_ITEMS), volume, startMonth, (item, monthlyCalls, start) => {
        const advice = advisePacks({ item, monthlyCalls, startMonth: start });
        const { plan } = advice;
        for (const fen of [advice.postpaidFen, plan.packFen, plan.residualPostpaidFen, plan.totalFen, advice.savingFen]) {
          expect(Number.isSafeInteger(fen) && fen >= 0).toBe(true);
        }
        expect(plan.totalFen).toBeLessThanOrEqual(advice.postpaidFen);
        expect(plan.totalFen).toBe(plan.packFen + plan.residualPostpaidFen);
        expect(advice.savingFen).toBe(advice.postpaidFen - plan.totalFen);
        expect(advice.postpaidFen).toBe(advice.postpaidMonths.reduce((s, m) => s + m.payableFen, 0));
        expect(plan.residualPostpaidFen).toBe(advice.planMonths.reduce((s, m) => s + m.payableFen, 0));
        // The figures shown (rated by rateMonth) are the ones the search minimised.
        expect(plan.residualPostpaidFen).toBe(residualPostpaidFen(buildAdvisorModel(item, start, monthlyCalls), plan.packCalls));
        const group = PACK_FEN[ITEMS[item].packGroup!];
        let packFen = 0;
        let packCalls = 0;
        for (const pack of plan.packs) {
          const i = PACK_SIZES.findIndex((s) => s.code === pack.size);
          expect(pack.quantity >= 1 && pack.quantity <= 99).toBe(true);
          expect(pack.priceFen).toBe(pack.quantity * group[i]);
          packFen += pack.priceFen;
          packCalls += pack.quantity * PACK_SIZES[i].calls;
        }
        expect([plan.packFen, plan.packCalls]).toEqual([packFen, packCalls]);
        expect(advice.planMonths.reduce((s, m) => s + m.packCalls, 0)).toBe(Math.min(packCalls, 12 * (monthlyCalls - Math.min(monthlyCalls, 10_000))));
      }),
      { numRuns: 300 },
    );
  });

  it('is optimal against brute force on small cases (random pack sizes and prices, quantities 0–3)', () => {
    const size = fc.record({ calls: fc.integer({ min: 1_000, max: 120_000 }), unitFen: fc.integer({ min: 1, max: 40_000 }) });
    fc.assert(
      fc.property(
        fc.constantFrom(...PACK_ITEMS),
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(size, { minLength: 1, maxLength: 3 }),
        startMonth,
        (item, monthlyCalls, sizes, start) => {
          const model = buildAdvisorModel(item, start, monthlyCalls);
          const found = cheapestPacks(model, sizes, 3);
          expect(found.quantities.every((q) => q >= 0 && q <= 3)).toBe(true);
          const calls = found.quantities.reduce((s, q, i) => s + q * sizes[i].calls, 0);
          const packFen = found.quantities.reduce((s, q, i) => s + q * sizes[i].unitFen, 0);
          expect(found.packFen).toBe(packFen);
          expect(found.totalFen).toBe(packFen + residualPostpaidFen(model, calls));
          expect({ totalFen: found.totalFen, packFen: found.packFen }).toEqual(bruteForce(model, sizes, 3));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is optimal against brute force over the real sizes and prices, quantities 0–12', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PACK_ITEMS), fc.integer({ min: 0, max: 12_000_000 }), startMonth, (item, monthlyCalls, start) => {
        const model = buildAdvisorModel(item, start, monthlyCalls);
        const found = cheapestPacks(model, realSizes(item), 12);
        expect({ totalFen: found.totalFen, packFen: found.packFen }).toEqual(bruteForce(model, realSizes(item), 12));
      }),
      { numRuns: 100 },
    );
  });

  it('is optimal against brute force over the full 0–99 range for a few volumes', () => {
    for (const [item, monthlyCalls] of [['label', 4_000_000], ['porn', 1_000_001], ['car', 90_000_000]] as const) {
      const model = buildAdvisorModel(item, '2020-01', monthlyCalls);
      const found = cheapestPacks(model, realSizes(item));
      expect({ totalFen: found.totalFen, packFen: found.packFen }).toEqual(bruteForce(model, realSizes(item), 99));
    }
  });
});

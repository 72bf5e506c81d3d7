import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS, ITEM_CODES, type ItemCode } from '../catalog';
import { yuanToFen } from '../money';
import { buildAdvisorModel, MAX_ADVISED_MONTHLY_CALLS, residualPostpaidFen, roundE8ToFen } from './month-cost';
import { rateMonth } from './rate-month';

const PACK_ITEMS = ITEM_CODES.filter((c) => ITEMS[c].packGroup);

describe('roundE8ToFen: 10⁻⁸ 元 to fen, half up like the payable', () => {
  it.each([
    { e8: 0, fen: 0 },
    { e8: 499_999, fen: 0 }, // ¥0.00499999
    { e8: 500_000, fen: 1 }, // ¥0.005 → ¥0.01
    { e8: 250_000, fen: 0 }, // one label call, ¥0.0025
    { e8: 217_800_220_000, fen: 217_800 }, // ¥2,178.0022
    { e8: 193_602_640_000, fen: 193_603 }, // ¥1,936.0264
    { e8: Number.MAX_SAFE_INTEGER - 500_000, fen: 9_007_199_254 }, // the largest it accepts
  ])('$e8 e8 → $fen fen', ({ e8, fen }) => {
    expect(roundE8ToFen(e8)).toBe(fen);
  });

  it('refuses amounts it cannot hold exactly', () => {
    expect(() => roundE8ToFen(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => roundE8ToFen(-1)).toThrow(RangeError);
  });
});

describe('residualPostpaidFen: postpaid left after the packs, by hand', () => {
  // label 1,000,001 a month from 2020-01: tier 2, 990,001 paid calls a month at ¥0.0022.
  const model = buildAdvisorModel('label', '2020-01', 1_000_001);
  it.each([
    { packCalls: 0, fen: 12 * 217_800 }, // ¥2,178.0022 → ¥2,178.00, twelve times
    { packCalls: 990_001, fen: 11 * 217_800 }, // January fully covered
    { packCalls: 990_002, fen: 217_800 + 10 * 217_800 }, // February: 990,000 × ¥0.0022 = ¥2,178.00
    { packCalls: 11_000_000, fen: 193_603 }, // December: 880,012 × ¥0.0022 = ¥1,936.0264
    { packCalls: 11_880_012, fen: 0 }, // every paid call
    { packCalls: 100_000_000, fen: 0 }, // more than needed covers the same
  ])('$packCalls pack calls → $fen fen', ({ packCalls, fen }) => {
    expect(residualPostpaidFen(model, packCalls)).toBe(fen);
  });

  it('a volume inside the free pack leaves nothing to pay', () => {
    expect(residualPostpaidFen(buildAdvisorModel('car', '2020-01', 10_000), 0)).toBe(0);
  });
});

/** The same 12 months rated one by one with rateMonth, packs drawn month by month. */
function ratedResidualFen(item: ItemCode, startMonth: string, monthlyCalls: number, packCalls: number): number {
  const model = buildAdvisorModel(item, startMonth, monthlyCalls);
  let left = packCalls;
  let fen = 0;
  for (const month of model.months) {
    const free = Math.min(monthlyCalls, 10_000);
    const pack = Math.min(left, monthlyCalls - free);
    left -= pack;
    fen += yuanToFen(rateMonth({ month, items: [{ item, totalCalls: monthlyCalls, freeCalls: free, packCalls: pack }] }).payable);
  }
  return fen;
}

describe('the model prices exactly as rateMonth does', () => {
  it('for random items, months, volumes and pack calls', () => {
    const volume = fc.oneof(
      fc.integer({ min: 0, max: 20_000_000 }),
      fc.constantFrom(10_000, 10_001, 999_999, 1_000_000, 1_000_001, 3_000_001, 15_000_001, MAX_ADVISED_MONTHLY_CALLS),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PACK_ITEMS),
        fc.constantFrom('2019-12', '2020-01', '2020-07', '2031-02'),
        volume,
        fc.integer({ min: 0, max: 1_100_000_000 }),
        (item, startMonth, monthlyCalls, packCalls) => {
          const model = buildAdvisorModel(item, startMonth, monthlyCalls);
          expect(residualPostpaidFen(model, packCalls)).toBe(ratedResidualFen(item, startMonth, monthlyCalls, packCalls));
        },
      ),
      { numRuns: 300 },
    );
  });
});

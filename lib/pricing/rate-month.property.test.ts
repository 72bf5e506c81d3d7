import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_CODES, type ItemCode } from '../catalog';
import { Decimal } from '../money';
import { rateMonth, type ItemUsage } from './index';

const BILLABLE = ITEM_CODES.filter((c) => c !== 'enhance');
// Written out again on purpose: an oracle independent of the catalog and of decimal.js.
const TIER_BOUNDS = [1_000_000, 3_000_000, 15_000_000];
const LIST_PRICE_E5: Record<Exclude<ItemCode, 'enhance'>, bigint[]> = {
  label: [250_000n, 220_000n, 200_000n, 150_000n],
  product: [250_000n, 220_000n, 200_000n, 150_000n],
  celebrity: [200_000n, 150_000n, 120_000n, 100_000n],
  car: [300_000n, 250_000n, 200_000n, 150_000n],
  porn: [200_000n, 150_000n, 120_000n, 100_000n],
  politics: [250_000n, 220_000n, 200_000n, 150_000n],
  terrorism: [250_000n, 220_000n, 200_000n, 150_000n],
  crop: [300_000n, 250_000n, 200_000n, 150_000n],
  quality: [300_000n, 250_000n, 200_000n, 150_000n],
};
const oracleTier = (total: number) => 1 + TIER_BOUNDS.filter((bound) => total > bound).length;
/** Line amount in units of 10⁻⁸ 元: calls × (元/千次 × 10⁵) ÷ 1000 × 10⁸ ÷ 10⁵ = calls × priceE5. */
const oracleAmountE8 = (item: ItemCode, total: number, charged: number): bigint =>
  item === 'enhance' ? 0n : BigInt(charged) * LIST_PRICE_E5[item][oracleTier(total) - 1];
const toE8 = (amount: string) => BigInt(new Decimal(amount).times(1e8).toFixed());

const BOUNDARIES = TIER_BOUNDS.flatMap((b) => [b - 1, b, b + 1]);
const totalCalls = fc.oneof(
  fc.integer({ min: 0, max: 20_000_000 }),
  fc.constantFrom(0, 1, 10_000, 10_001, ...BOUNDARIES),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const usageOf = (items: readonly ItemCode[]) =>
  fc
    .record({ item: fc.constantFrom(...items), total: totalCalls, freeShare: fc.double({ min: 0, max: 1, noNaN: true }), packShare: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ item, total, freeShare, packShare }): ItemUsage => {
      // Shares only spread the test cases; the counts themselves are whole numbers.
      const freeCalls = Math.min(Math.floor(total * freeShare), 10_000);
      const packCalls = Math.floor((total - freeCalls) * packShare);
      return { item, totalCalls: total, freeCalls, packCalls };
    });
const month = fc.constantFrom('2019-12', '2020-01', '2020-02', '2031-07');
const monthUsage = fc.uniqueArray(usageOf(ITEM_CODES), { selector: (u) => u.item, maxLength: ITEM_CODES.length });

describe('rateMonth properties', () => {
  it('within one tier, the amount never goes down when charged calls go up', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BILLABLE),
        totalCalls,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        month,
        (item, total, a, b, m) => {
          const [fewer, more] = [Math.floor(total * Math.min(a, b)), Math.floor(total * Math.max(a, b))];
          const rate = (charged: number) =>
            rateMonth({ month: m, items: [{ item, totalCalls: total, freeCalls: 0, packCalls: total - charged }] }).lines[0];
          const [low, high] = [rate(fewer), rate(more)];
          expect(low.tier).toBe(high.tier);
          expect(new Decimal(high.amount).gte(low.amount)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('within one tier, the amount never goes down when the total goes up with the same free and pack calls', () => {
    const tierRanges: [number, number][] = [
      [0, 1_000_000],
      [1_000_001, 3_000_000],
      [3_000_001, 15_000_000],
      [15_000_001, Number.MAX_SAFE_INTEGER],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...BILLABLE),
        fc.constantFrom(...tierRanges).chain(([min, max]) => fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }))),
        (item, [x, y]) => {
          const [t1, t2] = [Math.min(x, y), Math.max(x, y)];
          const free = Math.min(t1, 10_000);
          const rate = (total: number) => rateMonth({ month: '2020-03', items: [{ item, totalCalls: total, freeCalls: free, packCalls: 0 }] });
          expect(new Decimal(rate(t2).subtotal).gte(rate(t1).subtotal)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('payable has exactly 2 decimals and differs from the subtotal by at most ±0.005', () => {
    fc.assert(
      fc.property(month, monthUsage, (m, items) => {
        const rated = rateMonth({ month: m, items });
        expect(rated.payable).toMatch(/^\d+\.\d{2}$/);
        const adjustment = new Decimal(rated.precisionAdjustment);
        expect(adjustment.abs().lte('0.005')).toBe(true);
        expect(new Decimal(rated.subtotal).plus(adjustment).eq(rated.payable)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('matches an integer oracle: tier by total, amount = charged × list price exactly, subtotal = Σ amounts', () => {
    fc.assert(
      fc.property(month, monthUsage, (m, items) => {
        const rated = rateMonth({ month: m, items });
        expect(rated.lines.map((l) => l.item)).toEqual(ITEM_CODES.filter((c) => items.some((u) => u.item === c)));
        let sumE8 = 0n;
        for (const line of rated.lines) {
          const charged = line.totalCalls - line.freeCalls - line.packCalls;
          expect(line.chargedCalls).toBe(charged);
          expect(line.tier).toBe(line.item === 'enhance' ? null : oracleTier(line.totalCalls));
          expect(line.amount).toMatch(/^\d+(\.\d{1,8})?$/);
          expect(toE8(line.amount)).toBe(oracleAmountE8(line.item, line.totalCalls, charged));
          sumE8 += toE8(line.amount);
        }
        expect(toE8(rated.subtotal)).toBe(sumE8);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on the order items are given in', () => {
    fc.assert(
      fc.property(month, monthUsage, (m, items) => {
        expect(rateMonth({ month: m, items: [...items].reverse() })).toEqual(rateMonth({ month: m, items }));
      }),
    );
  });
});

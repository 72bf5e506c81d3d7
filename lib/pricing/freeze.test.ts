import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_CODES } from '../catalog';
import { yuanToFen } from '../money';
import { PricingError, estimateFreeze, rateMonth } from './index';

describe('estimateFreeze: next month is frozen at this month’s payable (list price × 100%)', () => {
  it('freezes ¥2,475.00 after a month of 1,000,001 car calls with 10,000 free', () => {
    const rated = rateMonth({ month: '2019-12', items: [{ item: 'car', totalCalls: 1_000_001, freeCalls: 10_000, packCalls: 0 }] });
    expect(estimateFreeze(rated)).toBe(247_500);
  });

  it('rounds half up like the payable: ¥0.005 → 1 fen', () => {
    expect(estimateFreeze({ subtotal: '0.005' })).toBe(1);
    expect(estimateFreeze({ subtotal: '0.0049' })).toBe(0);
  });

  it('freezes nothing after a beta month or a month covered by free calls', () => {
    expect(estimateFreeze(rateMonth({ month: '2019-11', items: [{ item: 'label', totalCalls: 9e6, freeCalls: 0, packCalls: 0 }] }))).toBe(0);
    expect(estimateFreeze(rateMonth({ month: '2019-12', items: [{ item: 'label', totalCalls: 10_000, freeCalls: 10_000, packCalls: 0 }] }))).toBe(0);
  });

  it('always equals the payable in fen', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ item: fc.constantFrom(...ITEM_CODES), totalCalls: fc.integer({ min: 0, max: 40_000_000 }) }),
          { selector: (u) => u.item },
        ),
        (usages) => {
          const rated = rateMonth({ month: '2020-05', items: usages.map((u) => ({ ...u, freeCalls: 0, packCalls: 0 })) });
          expect(estimateFreeze(rated)).toBe(yuanToFen(rated.payable));
        },
      ),
    );
  });

  it('refuses a subtotal that is not a non-negative number', () => {
    expect(() => estimateFreeze({ subtotal: 'abc' })).toThrow(PricingError);
    expect(() => estimateFreeze({ subtotal: '-1' })).toThrow(PricingError);
  });
});

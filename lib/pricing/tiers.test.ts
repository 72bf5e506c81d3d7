import { describe, expect, it } from 'vitest';
import { PricingError, tierFor, unitPriceFor } from './index';

describe('tierFor: each upper bound belongs to its own tier', () => {
  it.each([
    [0, 1],
    [1, 1],
    [999_999, 1],
    [1_000_000, 1],
    [1_000_001, 2],
    [3_000_000, 2],
    [3_000_001, 3],
    [15_000_000, 3],
    [15_000_001, 4],
    [Number.MAX_SAFE_INTEGER, 4],
  ])('%d calls → tier %d', (calls, tier) => {
    expect(tierFor(calls)).toBe(tier);
  });

  it.each([-1, 1.5, NaN, Infinity, 2 ** 53])('refuses %d', (calls) => {
    expect(() => tierFor(calls)).toThrow(PricingError);
  });
});

describe('unitPriceFor', () => {
  it.each([
    ['label', 1, '2.5'],
    ['label', 4, '1.5'],
    ['celebrity', 3, '1.2'],
    ['porn', 4, '1'],
    ['car', 2, '2.5'],
    ['quality', 1, '3'],
  ] as const)('%s tier %d → %s 元/千次', (item, tier, price) => {
    expect(unitPriceFor(item, '2019-12', tier)).toBe(price);
  });

  it('is "0" for enhance and for beta months, whatever the tier', () => {
    expect(unitPriceFor('enhance', '2020-01', 1)).toBe('0');
    expect(unitPriceFor('enhance', '2020-01', null)).toBe('0');
    expect(unitPriceFor('label', '2019-11', 1)).toBe('0');
    expect(unitPriceFor('label', '2019-11', null)).toBe('0');
  });

  it('refuses a missing tier for a charged item, a bad month and an unknown item', () => {
    expect(() => unitPriceFor('label', '2019-12', null)).toThrow(expect.objectContaining({ code: 'INVALID_TIER' }));
    expect(() => unitPriceFor('label', '2019-12', 5 as 1)).toThrow(expect.objectContaining({ code: 'INVALID_TIER' }));
    expect(() => unitPriceFor('label', '2019-13', 1)).toThrow(expect.objectContaining({ code: 'INVALID_MONTH' }));
    expect(() => unitPriceFor('ocr' as 'label', '2019-12', 1)).toThrow(expect.objectContaining({ code: 'UNKNOWN_ITEM' }));
  });
});

import { describe, expect, it } from 'vitest';
import type { ItemCode } from '../catalog';
import { PricingError, rateMonth, type ItemUsage, type PricingErrorCode } from './index';

const usage = (item: ItemCode, totalCalls: number, freeCalls = 0, packCalls = 0): ItemUsage => ({
  item,
  totalCalls,
  freeCalls,
  packCalls,
});

const rateOne = (u: ItemUsage, month = '2019-12') => {
  const rated = rateMonth({ month, items: [u] });
  expect(rated.lines).toHaveLength(1);
  return { ...rated, line: rated.lines[0] };
};

describe('tier boundaries of every billable item (no free or pack calls, so amount = N × price ÷ 1000)', () => {
  const BOUNDARY_CALLS = [999_999, 1_000_000, 1_000_001, 3_000_000, 3_000_001, 15_000_000, 15_000_001];
  const EXPECTED_TIER = [1, 1, 2, 2, 3, 3, 4];
  // prettier-ignore
  const EXPECTED: Record<Exclude<ItemCode, 'enhance'>, { prices: string[]; amounts: string[] }> = {
    //          元/千次 tier 1..4          999,999      1,000,000  1,000,001    3,000,000  3,000,001   15,000,000  15,000,001
    label:     { prices: ['2.5', '2.2', '2', '1.5'], amounts: ['2499.9975', '2500', '2200.0022', '6600', '6000.002',  '30000', '22500.0015'] },
    product:   { prices: ['2.5', '2.2', '2', '1.5'], amounts: ['2499.9975', '2500', '2200.0022', '6600', '6000.002',  '30000', '22500.0015'] },
    celebrity: { prices: ['2', '1.5', '1.2', '1'],   amounts: ['1999.998',  '2000', '1500.0015', '4500', '3600.0012', '18000', '15000.001'] },
    car:       { prices: ['3', '2.5', '2', '1.5'],   amounts: ['2999.997',  '3000', '2500.0025', '7500', '6000.002',  '30000', '22500.0015'] },
    porn:      { prices: ['2', '1.5', '1.2', '1'],   amounts: ['1999.998',  '2000', '1500.0015', '4500', '3600.0012', '18000', '15000.001'] },
    politics:  { prices: ['2.5', '2.2', '2', '1.5'], amounts: ['2499.9975', '2500', '2200.0022', '6600', '6000.002',  '30000', '22500.0015'] },
    terrorism: { prices: ['2.5', '2.2', '2', '1.5'], amounts: ['2499.9975', '2500', '2200.0022', '6600', '6000.002',  '30000', '22500.0015'] },
    crop:      { prices: ['3', '2.5', '2', '1.5'],   amounts: ['2999.997',  '3000', '2500.0025', '7500', '6000.002',  '30000', '22500.0015'] },
    quality:   { prices: ['3', '2.5', '2', '1.5'],   amounts: ['2999.997',  '3000', '2500.0025', '7500', '6000.002',  '30000', '22500.0015'] },
  };

  const cases = Object.entries(EXPECTED).flatMap(([item, { prices, amounts }]) =>
    BOUNDARY_CALLS.map((calls, i) => ({
      item: item as ItemCode,
      calls,
      tier: EXPECTED_TIER[i],
      unitPrice: prices[EXPECTED_TIER[i] - 1],
      amount: amounts[i],
    })),
  );

  it.each(cases)('$item × $calls calls → tier $tier at ¥$unitPrice/千次 = ¥$amount', ({ item, calls, tier, unitPrice, amount }) => {
    const { line, subtotal } = rateOne(usage(item, calls));
    expect(line).toEqual({
      item,
      totalCalls: calls,
      freeCalls: 0,
      packCalls: 0,
      chargedCalls: calls,
      tier,
      unitPrice,
      amount,
    });
    expect(subtotal).toBe(amount);
  });
});

describe('rounding the bill to fen (计费精度差异)', () => {
  it('10,002 label calls with 10,000 free: 2 × ¥0.0025 = ¥0.005, payable ¥0.01', () => {
    const rated = rateOne(usage('label', 10_002, 10_000));
    expect(rated.line).toMatchObject({ chargedCalls: 2, tier: 1, unitPrice: '2.5', amount: '0.005' });
    expect(rated.subtotal).toBe('0.005');
    expect(rated.payable).toBe('0.01');
    expect(rated.precisionAdjustment).toBe('0.005');
  });

  it('one label call costs ¥0.0025 exactly', () => {
    expect(rateOne(usage('label', 10_001, 10_000)).line.amount).toBe('0.0025');
  });

  it('rounds the sum of exact lines once, not each line', () => {
    // Each line alone would round to ¥0.00; their exact sum is ¥0.005 → ¥0.01.
    const rated = rateMonth({ month: '2019-12', items: [usage('label', 10_001, 10_000), usage('product', 10_001, 10_000)] });
    expect(rated.lines.map((l) => l.amount)).toEqual(['0.0025', '0.0025']);
    expect(rated.subtotal).toBe('0.005');
    expect(rated.payable).toBe('0.01');
    expect(rated.precisionAdjustment).toBe('0.005');
  });

  it('shows a negative adjustment when rounding down', () => {
    const rated = rateMonth({ month: '2019-12', items: [usage('label', 10_001, 10_000), usage('porn', 10_001, 10_000)] });
    expect(rated.subtotal).toBe('0.0045');
    expect(rated.payable).toBe('0.00');
    expect(rated.precisionAdjustment).toBe('-0.0045');
  });

  it('shows "0" when the subtotal is already whole fen', () => {
    const rated = rateOne(usage('label', 10_004, 10_000));
    expect(rated.subtotal).toBe('0.01');
    expect(rated.payable).toBe('0.01');
    expect(rated.precisionAdjustment).toBe('0');
  });
});

describe('tiered reach: the month total picks one price for every charged call', () => {
  it('1,000,000 car calls with 10,000 free: 990,000 × ¥3/千次 = ¥2,970', () => {
    const rated = rateOne(usage('car', 1_000_000, 10_000));
    expect(rated.line).toMatchObject({ chargedCalls: 990_000, tier: 1, unitPrice: '3', amount: '2970' });
    expect(rated.payable).toBe('2970.00');
    expect(rated.precisionAdjustment).toBe('0');
  });

  it('1,000,001 car calls with 10,000 free: 990,001 × ¥2.5/千次 = ¥2,475.0025, cheaper than one call fewer', () => {
    const rated = rateOne(usage('car', 1_000_001, 10_000));
    expect(rated.line).toMatchObject({ chargedCalls: 990_001, tier: 2, unitPrice: '2.5', amount: '2475.0025' });
    expect(rated.subtotal).toBe('2475.0025');
    expect(rated.payable).toBe('2475.00');
    expect(rated.precisionAdjustment).toBe('-0.0025');
  });

  it('free and pack calls count toward the tier but are not charged', () => {
    // 2,000,000 total → tier 2 (¥2.2), although only 990,000 calls are charged.
    const rated = rateOne(usage('label', 2_000_000, 10_000, 1_000_000));
    expect(rated.line).toMatchObject({ chargedCalls: 990_000, tier: 2, unitPrice: '2.2', amount: '2178' });
    expect(rated.payable).toBe('2178.00');
  });

  it('calls fully covered by free and pack calls cost nothing but still show their tier', () => {
    const rated = rateOne(usage('crop', 5_000_000, 10_000, 4_990_000));
    expect(rated.line).toMatchObject({ chargedCalls: 0, tier: 3, unitPrice: '2', amount: '0' });
    expect(rated.subtotal).toBe('0');
    expect(rated.payable).toBe('0.00');
    expect(rated.precisionAdjustment).toBe('0');
  });
});

describe('items and months that are not charged', () => {
  it('enhance is metered and shown at ¥0 with no tier', () => {
    const rated = rateOne(usage('enhance', 20_000_000));
    expect(rated.line).toEqual({
      item: 'enhance',
      totalCalls: 20_000_000,
      freeCalls: 0,
      packCalls: 0,
      chargedCalls: 20_000_000,
      tier: null,
      unitPrice: '0',
      amount: '0',
    });
    expect(rated.payable).toBe('0.00');
  });

  it('public beta month 2019-11 charges every item ¥0 with no tier', () => {
    const rated = rateMonth({
      month: '2019-11',
      items: [usage('label', 5_000_000), usage('car', 1), usage('enhance', 3)],
    });
    expect(rated.lines.map((l) => [l.item, l.chargedCalls, l.tier, l.unitPrice, l.amount])).toEqual([
      ['label', 5_000_000, null, '0', '0'],
      ['car', 1, null, '0', '0'],
      ['enhance', 3, null, '0', '0'],
    ]);
    expect(rated).toMatchObject({ subtotal: '0', payable: '0.00', precisionAdjustment: '0' });
  });

  it('an empty month has an empty bill', () => {
    expect(rateMonth({ month: '2019-12', items: [] })).toEqual({
      lines: [],
      subtotal: '0',
      payable: '0.00',
      precisionAdjustment: '0',
    });
  });
});

describe('a whole month', () => {
  it('lists lines in catalog order and sums them', () => {
    const rated = rateMonth({
      month: '2020-01',
      items: [usage('quality', 12_000, 10_000), usage('enhance', 100), usage('label', 1_500_000, 10_000, 100_000)],
    });
    // label: 1,390,000 × 2.2 ÷ 1000 = 3058; quality: 2,000 × 3 ÷ 1000 = 6.
    expect(rated.lines.map((l) => [l.item, l.amount])).toEqual([
      ['label', '3058'],
      ['quality', '6'],
      ['enhance', '0'],
    ]);
    expect(rated).toMatchObject({ subtotal: '3064', payable: '3064.00', precisionAdjustment: '0' });
  });

  it('does not change its input', () => {
    const items = [usage('label', 10_002, 10_000)];
    const copy = structuredClone(items);
    rateMonth({ month: '2019-12', items });
    expect(items).toEqual(copy);
  });
});

describe('refuses input it cannot rate', () => {
  const expectPricingError = (run: () => unknown, code: PricingErrorCode, message: RegExp) => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(PricingError);
      expect((e as PricingError).code).toBe(code);
      expect((e as PricingError).message).toMatch(message);
      return;
    }
    throw new Error(`expected PricingError ${code}`);
  };

  it.each(['2019-13', '2019-1', '2019-00', '201912', '2019-12-01', '', 'December'])('month %j', (month) => {
    expectPricingError(() => rateMonth({ month, items: [] }), 'INVALID_MONTH', /YYYY-MM/);
  });

  it('a month that is not a string', () => {
    expectPricingError(() => rateMonth({ month: 201912 as unknown as string, items: [] }), 'INVALID_MONTH', /201912/);
  });

  it('an unknown item', () => {
    expectPricingError(
      () => rateMonth({ month: '2019-12', items: [usage('ocr' as ItemCode, 1)] }),
      'UNKNOWN_ITEM',
      /unknown billing item "ocr"/,
    );
  });

  it.each([
    ['a negative total', usage('label', -1)],
    ['a fractional total', usage('label', 1.5)],
    ['NaN', usage('label', NaN)],
    ['Infinity', usage('label', Infinity)],
    ['an unsafe integer', usage('label', 2 ** 53)],
    ['a string count', usage('label', '5' as unknown as number)],
    ['negative free calls', usage('label', 10, -1)],
    ['fractional pack calls', usage('label', 10, 0, 0.5)],
  ])('%s', (_name, u) => {
    expectPricingError(() => rateMonth({ month: '2019-12', items: [u] }), 'INVALID_COUNT', /must be a whole number/);
  });

  it('free + pack calls above the total', () => {
    expectPricingError(
      () => rateMonth({ month: '2019-12', items: [usage('car', 10_000, 9_000, 1_001)] }),
      'CALLS_EXCEED_TOTAL',
      /freeCalls 9000 \+ packCalls 1001 exceed totalCalls 10000/,
    );
  });

  it('the same item twice', () => {
    expectPricingError(
      () => rateMonth({ month: '2019-12', items: [usage('label', 1), usage('car', 1), usage('label', 2)] }),
      'DUPLICATE_ITEM',
      /items\[2\]: item label appears more than once/,
    );
  });

  it('no items array', () => {
    expectPricingError(
      () => rateMonth({ month: '2019-12' } as unknown as Parameters<typeof rateMonth>[0]),
      'INVALID_INPUT',
      /items/,
    );
  });
});

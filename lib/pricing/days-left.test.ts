import { describe, expect, it } from 'vitest';
import { daysLeft, PricingError, rateMonth, windowChargedSpend } from './index';

describe('windowChargedSpend: the last 7 days’ postpaid calls at the tier their month reached', () => {
  it('prices charged calls at the month’s tier, the same amount rateMonth gives those calls', () => {
    // label, March 2020: 1,200,000 calls so far → tier 2, ¥2.2/千次; 3,001 charged in the window:
    // 3,001 × 0.0022 = ¥6.6022. car 400 charged, 20,000 in the month → tier 1, ¥3/千次 = ¥1.2.
    const spend = windowChargedSpend([
      { item: 'label', month: '2020-03', monthTotalCalls: 1_200_000, chargedCalls: 3_001 },
      { item: 'car', month: '2020-03', monthTotalCalls: 20_000, chargedCalls: 400 },
    ]);
    expect(spend).toBe('7.8022');
    const rated = rateMonth({ month: '2020-03', items: [{ item: 'label', totalCalls: 1_200_000, freeCalls: 1_200_000 - 3_001, packCalls: 0 }] });
    expect(rated.lines[0].amount).toBe('6.6022');
  });

  it('a window across two months takes each month’s own tier; beta days and enhance cost ¥0', () => {
    expect(
      windowChargedSpend([
        { item: 'label', month: '2020-02', monthTotalCalls: 3_000_001, chargedCalls: 1_000 }, // tier 3 ¥2: ¥2
        { item: 'label', month: '2020-03', monthTotalCalls: 10_002, chargedCalls: 2 }, // tier 1 ¥2.5: ¥0.005
        { item: 'enhance', month: '2020-03', monthTotalCalls: 50_000, chargedCalls: 50_000 },
        { item: 'label', month: '2019-11', monthTotalCalls: 90_000, chargedCalls: 80_000 },
      ]),
    ).toBe('2.005');
    expect(windowChargedSpend([])).toBe('0');
  });

  it('refuses counts that are not whole, or charged calls above the month’s total', () => {
    expect(() => windowChargedSpend([{ item: 'label', month: '2020-03', monthTotalCalls: 10, chargedCalls: 1.5 }])).toThrow(PricingError);
    expect(() => windowChargedSpend([{ item: 'label', month: '2020-03', monthTotalCalls: 10, chargedCalls: 11 }])).toThrow(/exceed monthTotalCalls/);
    expect(() => windowChargedSpend([{ item: 'label', month: '2020-13', monthTotalCalls: 10, chargedCalls: 1 }])).toThrow(PricingError);
    expect(() => windowChargedSpend([{ item: 'nope' as 'label', month: '2020-03', monthTotalCalls: 10, chargedCalls: 1 }])).toThrow(PricingError);
  });
});

describe('daysLeft: available ÷ (7 days’ spend ÷ 7), floored', () => {
  it('¥100.00 at ¥70 a week (¥10 a day) is 10 days; one fen less is 9', () => {
    expect(daysLeft({ availableFen: 10_000, inArrears: false, windowSpendYuan: '70' })).toEqual({ status: 'days', days: 10 });
    expect(daysLeft({ availableFen: 9_999, inArrears: false, windowSpendYuan: '70' })).toEqual({ status: 'days', days: 9 });
  });

  it('exact decimals: ¥1.00 at ¥0.005 a week is 1,400 days; at ¥0.0033 a week ⌊2121.21…⌋ = 2,121', () => {
    expect(daysLeft({ availableFen: 100, inArrears: false, windowSpendYuan: '0.005' })).toEqual({ status: 'days', days: 1_400 });
    expect(daysLeft({ availableFen: 100, inArrears: false, windowSpendYuan: '0.0033' })).toEqual({ status: 'days', days: 2_121 });
  });

  it('a quotient just under a whole number is floored below it (no rounding up to 40 digits)', () => {
    // ¥1 × 7 ÷ 2.33…334 (42 digits) = 2.99999…: rounded to 40 digits first it would be 3.
    const spend = '2.33333333333333333333333333333333333333334';
    expect(daysLeft({ availableFen: 100, inArrears: false, windowSpendYuan: spend })).toEqual({ status: 'days', days: 2 });
  });

  it('less than one day of balance is 0 days; so is an available balance at or below 0', () => {
    expect(daysLeft({ availableFen: 999, inArrears: false, windowSpendYuan: '70' })).toEqual({ status: 'days', days: 0 });
    expect(daysLeft({ availableFen: 0, inArrears: false, windowSpendYuan: '1' })).toEqual({ status: 'days', days: 0 });
    expect(daysLeft({ availableFen: -500, inArrears: false, windowSpendYuan: '1' })).toEqual({ status: 'days', days: 0 });
  });

  it('no spend in the window → no-spend; arrears wins over everything', () => {
    expect(daysLeft({ availableFen: 10_000, inArrears: false, windowSpendYuan: '0' })).toEqual({ status: 'no-spend' });
    expect(daysLeft({ availableFen: -1, inArrears: true, windowSpendYuan: '70' })).toEqual({ status: 'arrears' });
    expect(daysLeft({ availableFen: -1, inArrears: true, windowSpendYuan: '0' })).toEqual({ status: 'arrears' });
  });

  it('refuses a negative or non-numeric spend and fractional fen', () => {
    expect(() => daysLeft({ availableFen: 100, inArrears: false, windowSpendYuan: '-1' })).toThrow(PricingError);
    expect(() => daysLeft({ availableFen: 100, inArrears: false, windowSpendYuan: 'abc' })).toThrow(PricingError);
    expect(() => daysLeft({ availableFen: 1.5, inArrears: false, windowSpendYuan: '1' })).toThrow(PricingError);
  });
});

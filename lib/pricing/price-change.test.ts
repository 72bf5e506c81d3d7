// A later price change is one more PRICE_SCHEDULES entry: months from its effectiveFrom
// rate at the new prices and older months keep re-rating at the prices they had.
import { describe, expect, it, vi } from 'vitest';
import type * as Catalog from '../catalog';
import { rateMonth, unitPriceFor } from './index';

vi.mock('../catalog', async (importOriginal) => {
  const original = await importOriginal<typeof Catalog>();
  const first = original.PRICE_SCHEDULES[0];
  const schedules: Catalog.PriceSchedule[] = [
    first,
    { effectiveFrom: '2021-01', prices: { ...first.prices, label: ['2', '1.8', '1.6', '1.2'] } },
  ];
  return { ...original, PRICE_SCHEDULES: schedules, scheduleFor: (m: string) => original.scheduleFor(m, schedules) };
});

const labelMonth = (month: string) =>
  rateMonth({ month, items: [{ item: 'label', totalCalls: 1_000_001, freeCalls: 0, packCalls: 0 }] }).lines[0];

describe('price schedule change', () => {
  it('keeps the old price for months before the change', () => {
    expect(labelMonth('2020-12')).toMatchObject({ tier: 2, unitPrice: '2.2', amount: '2200.0022' });
    expect(unitPriceFor('label', '2020-12', 2)).toBe('2.2');
  });

  it('uses the new price from its effective month on', () => {
    expect(labelMonth('2021-01')).toMatchObject({ tier: 2, unitPrice: '1.8', amount: '1800.0018' });
    expect(unitPriceFor('label', '2021-06', 2)).toBe('1.8');
  });

  it('leaves other items alone', () => {
    expect(unitPriceFor('car', '2021-01', 1)).toBe('3');
  });
});

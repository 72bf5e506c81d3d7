import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_CODES } from '../catalog';
import { Decimal, yuanToFen } from '../money';
import { explainBill, PricingError, rateMonth, type ItemUsage, type PackCoverage } from './index';

const billOf = (month: string, items: ItemUsage[]) => {
  const rated = rateMonth({ month, items });
  return { rated, bill: { lines: rated.lines, payableFen: yuanToFen(rated.payable) } };
};

describe('explainBill: from the exact lines to the payable', () => {
  it('two lines of ¥0.0025 sum to ¥0.005, rounded half up to ¥0.01 (+¥0.005)', () => {
    const { bill } = billOf('2019-12', [
      { item: 'label', totalCalls: 10_001, freeCalls: 10_000, packCalls: 0 },
      { item: 'product', totalCalls: 10_001, freeCalls: 10_000, packCalls: 0 },
    ]);
    const explained = explainBill(bill);
    expect(explained).toMatchObject({ subtotal: '0.005', payableFen: 1, precisionAdjustment: '0.005' });
    expect(explained.text).toBe('各项精确金额合计 ¥0.005，四舍五入到分，应付 ¥0.01，计费精度差异 +¥0.005');
  });

  it('a car line of ¥2,475.0025 rounds down to ¥2,475.00 (−¥0.0025)', () => {
    const { bill } = billOf('2019-12', [{ item: 'car', totalCalls: 1_000_001, freeCalls: 10_000, packCalls: 0 }]);
    expect(explainBill(bill).text).toBe('各项精确金额合计 ¥2,475.0025，四舍五入到分，应付 ¥2,475.00，计费精度差异 -¥0.0025');
  });

  it('says so when there is nothing to round', () => {
    const { bill } = billOf('2019-12', [{ item: 'car', totalCalls: 1_000_000, freeCalls: 10_000, packCalls: 0 }]);
    expect(explainBill(bill).text).toBe('各项精确金额合计 ¥2,970.00，四舍五入到分，应付 ¥2,970.00，无计费精度差异');
  });

  it('refuses a payable that is not the rounded sum of its lines', () => {
    const { bill } = billOf('2019-12', [{ item: 'label', totalCalls: 10_002, freeCalls: 10_000, packCalls: 0 }]);
    expect(() => explainBill({ ...bill, payableFen: 0 })).toThrow(PricingError);
  });
});

describe('explainBill properties', () => {
  const usage = fc
    .record({
      item: fc.constantFrom(...ITEM_CODES),
      total: fc.oneof(fc.integer({ min: 0, max: 20_000_000 }), fc.constantFrom(10_001, 1_000_000, 1_000_001, 3_000_001, 15_000_001)),
      packShare: fc.integer({ min: 0, max: 100 }),
      packParts: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ item, total, packShare, packParts }) => {
      const freeCalls = item === 'enhance' ? 0 : Math.min(total, 10_000);
      const packCalls = Math.floor(((total - freeCalls) * packShare) / 100);
      // Split the pack calls over a few packs, the last taking what is left.
      const share = Math.floor(packCalls / packParts);
      const coverage: PackCoverage[] = Array.from({ length: packParts }, (_, i) => ({
        packLabel: `pack ${i + 1}`,
        calls: i === packParts - 1 ? packCalls - share * (packParts - 1) : share,
      }));
      return { usage: { item, totalCalls: total, freeCalls, packCalls }, coverage };
    });

  it('for random months, the pieces add up to each line and the lines to the payable, exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2019-11', '2019-12', '2020-06', '2031-07'),
        fc.uniqueArray(usage, { selector: (u) => u.usage.item, maxLength: ITEM_CODES.length }),
        (month, usages) => {
          const { rated, bill } = billOf(month, usages.map((u) => u.usage));
          const coverage = Object.fromEntries(usages.map((u) => [u.usage.item, u.coverage]));
          const explained = explainBill(bill, coverage);
          let sum = new Decimal(0);
          explained.lines.forEach((line, i) => {
            const ratedLine = rated.lines[i];
            const packCalls = line.packs.reduce((s, p) => s + p.calls, 0);
            expect(line.free.calls + packCalls + line.charged.calls).toBe(line.total.calls);
            expect([line.total.calls, line.free.calls, packCalls, line.total.tier]).toEqual([ratedLine.totalCalls, ratedLine.freeCalls, ratedLine.packCalls, ratedLine.tier]);
            expect(new Decimal(line.charged.unitPrice).times(line.charged.calls).div(1000).toFixed()).toBe(ratedLine.amount);
            expect(line.charged.amount).toBe(ratedLine.amount);
            sum = sum.plus(line.charged.amount);
          });
          expect(explained.subtotal).toBe(rated.subtotal);
          expect(sum.toFixed()).toBe(explained.subtotal);
          expect(explained.precisionAdjustment).toBe(rated.precisionAdjustment);
          expect(sum.plus(explained.precisionAdjustment).times(100).toNumber()).toBe(explained.payableFen);
          expect(explained.payableFen).toBe(yuanToFen(rated.payable));
        },
      ),
      { numRuns: 300 },
    );
  });
});

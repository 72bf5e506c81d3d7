import { describe, expect, it } from 'vitest';
import type { ItemCode } from '../catalog';
import { explainLine, PricingError, rateMonth, type RatedLine } from './index';

const rated = (item: ItemCode, totalCalls: number, freeCalls: number, packCalls: number, month = '2020-03'): RatedLine =>
  rateMonth({ month, items: [{ item, totalCalls, freeCalls, packCalls }] }).lines[0];

describe('explainLine: each bill line in words and numbers', () => {
  it('3,000,001 label calls pass 300万 and reach tier 3; packs and charged calls add up to the total', () => {
    const explained = explainLine(rated('label', 3_000_001, 10_000, 1_100_000), [
      { packLabel: '100万次 · 2020-01-05 购买', calls: 1_000_000 },
      { packLabel: '10万次 · 2020-02-11 购买', calls: 100_000 },
    ]);
    expect(explained.text).toEqual([
      '本月共 3,000,001 次，超过 300万次，达到第 3 档（300万-1500万次/月）',
      '免费资源包抵扣 10,000 次',
      '预付费资源包「100万次 · 2020-01-05 购买」抵扣 1,000,000 次',
      '预付费资源包「10万次 · 2020-02-11 购买」抵扣 100,000 次',
      // 1,890,001 × ¥2/1000 = ¥3,780.002
      '计费 1,890,001 次 × ¥2/千次 = ¥3,780.002',
    ]);
    expect(explained.itemName).toBe('图像标签');
    expect(explained.charged).toEqual({ calls: 1_890_001, unitPrice: '2', amount: '3780.002', text: explained.text[4] });
  });

  it.each([
    { calls: 1_000_000, reason: '本月共 1,000,000 次，未超过 100万次，为第 1 档（0-100万次/月）' },
    { calls: 1_000_001, reason: '本月共 1,000,001 次，超过 100万次，达到第 2 档（100万-300万次/月）' },
    { calls: 3_000_000, reason: '本月共 3,000,000 次，超过 100万次，达到第 2 档（100万-300万次/月）' },
    { calls: 15_000_001, reason: '本月共 15,000,001 次，超过 1500万次，达到第 4 档（1500万次以上/月）' },
  ])('the boundary passed at $calls calls', ({ calls, reason }) => {
    expect(explainLine(rated('car', calls, 10_000, 0)).total.text).toBe(reason);
  });

  it('10,002 calls with the free pack: 2 charged calls cost ¥0.005 exactly', () => {
    expect(explainLine(rated('label', 10_002, 10_000, 0)).text).toEqual([
      '本月共 10,002 次，未超过 100万次，为第 1 档（0-100万次/月）',
      '免费资源包抵扣 10,000 次',
      '计费 2 次 × ¥2.5/千次 = ¥0.005',
    ]);
  });

  it('pack calls without per-pack coverage are one unlabelled piece', () => {
    const explained = explainLine(rated('porn', 500_000, 10_000, 490_000));
    expect(explained.packs).toEqual([{ packLabel: '', calls: 490_000, text: '预付费资源包抵扣 490,000 次' }]);
    expect(explained.text.at(-1)).toBe('计费 0 次 × ¥2/千次 = ¥0.00');
  });

  it('a beta month and 图像清晰度增强 say 公测免费', () => {
    expect(explainLine(rated('label', 5_000, 0, 0, '2019-11')).text).toEqual([
      '本月共 5,000 次，公测免费，不计费',
      '计费 5,000 次 × ¥0/千次 = ¥0.00（公测免费）',
    ]);
    expect(explainLine(rated('enhance', 50_000, 0, 0)).total.text).toBe('本月共 50,000 次，公测免费，不计费');
  });

  it('refuses a line whose figures do not add up', () => {
    const line = rated('label', 20_000, 10_000, 0);
    expect(() => explainLine({ ...line, amount: '25.01' })).toThrow(PricingError);
    expect(() => explainLine({ ...line, chargedCalls: 9_999 })).toThrow(PricingError);
    expect(() => explainLine(rated('label', 20_000, 10_000, 5_000), [{ packLabel: 'A', calls: 4_999 }])).toThrow(PricingError);
  });
});

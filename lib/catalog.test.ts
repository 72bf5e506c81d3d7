import { describe, expect, it } from 'vitest';
import {
  ITEMS,
  ITEM_CODES,
  ITEM_LIST,
  PACK_PRICES,
  PACK_SIZES,
  PRICE_SCHEDULES,
  TIER_LABELS,
  TIER_UPPER_BOUNDS,
  isItemCode,
  isPackSizeCode,
  packSizeOf,
  scheduleFor,
  type PriceSchedule,
} from './catalog';
import { Decimal } from './money';
import { FIRST_BILLED_MONTH } from './period';

describe('billing items (SPEC §1)', () => {
  it('lists the items in the order of the price table', () => {
    expect(ITEM_LIST.map((i) => i.code)).toEqual([...ITEM_CODES]);
    expect(ITEM_LIST.map((i) => `${i.group}/${i.name}/${i.action}${i.scene ? `(${i.scene})` : ''}`)).toEqual([
      '图像理解/图像标签/DetectLabel',
      '图像理解/商品识别/DetectProduct',
      '图像理解/公众人物识别/DetectCelebrity',
      '图像理解/车型识别/RecognizeCar',
      '图像审核/图像鉴黄/ImageModeration(PORN)',
      '图像审核/政治敏感识别/ImageModeration(POLITICS)',
      '图像审核/暴恐识别/ImageModeration(TERRORISM)',
      '图像处理/智能裁剪/CropImage',
      '图像质量评估/视觉质量评估/AssessQuality',
      '图像处理/图像清晰度增强/EnhanceImage',
    ]);
  });

  it('keys every item by its own code', () => {
    for (const code of ITEM_CODES) expect(ITEMS[code].code).toBe(code);
  });

  it('charges every item but enhance (公测免费)', () => {
    expect(ITEM_LIST.filter((i) => !i.billable).map((i) => i.code)).toEqual(['enhance']);
  });

  it('recognises item codes and nothing inherited', () => {
    expect(isItemCode('label')).toBe(true);
    expect(isItemCode('LABEL')).toBe(false);
    expect(isItemCode('toString')).toBe(false);
    expect(isItemCode(undefined)).toBe(false);
  });

  it('cannot be mutated by a caller', () => {
    expect(() => {
      (ITEMS.label as { billable: boolean }).billable = false;
    }).toThrow(TypeError);
  });
});

describe('tiers', () => {
  it('has the bounds and labels of the original page', () => {
    expect(TIER_UPPER_BOUNDS).toEqual([1_000_000, 3_000_000, 15_000_000]);
    expect(Object.values(TIER_LABELS)).toEqual(['0-100万次/月', '100万-300万次/月', '300万-1500万次/月', '1500万次以上/月']);
  });
});

describe('price schedules', () => {
  it('starts with the list prices of SPEC §1, effective 2019-12', () => {
    const first = PRICE_SCHEDULES[0];
    expect(first.effectiveFrom).toBe(FIRST_BILLED_MONTH);
    expect(first.prices).toEqual({
      label: ['2.5', '2.2', '2', '1.5'],
      product: ['2.5', '2.2', '2', '1.5'],
      celebrity: ['2', '1.5', '1.2', '1'],
      car: ['3', '2.5', '2', '1.5'],
      porn: ['2', '1.5', '1.2', '1'],
      politics: ['2.5', '2.2', '2', '1.5'],
      terrorism: ['2.5', '2.2', '2', '1.5'],
      crop: ['3', '2.5', '2', '1.5'],
      quality: ['3', '2.5', '2', '1.5'],
      enhance: null,
    });
  });

  it('keeps every price canonical, positive and at most 5 decimals so line amounts have at most 8', () => {
    for (const schedule of PRICE_SCHEDULES) {
      for (const row of Object.values(schedule.prices)) {
        for (const price of row ?? []) {
          const d = new Decimal(price);
          expect(d.toFixed()).toBe(price);
          expect(d.isPositive() && !d.isZero()).toBe(true);
          expect(d.decimalPlaces()).toBeLessThanOrEqual(5);
        }
      }
    }
  });

  it('prices exactly the billable items', () => {
    for (const schedule of PRICE_SCHEDULES) {
      for (const item of ITEM_LIST) expect(schedule.prices[item.code] !== null).toBe(item.billable);
    }
  });

  it('has strictly increasing effective months', () => {
    const months = PRICE_SCHEDULES.map((s) => s.effectiveFrom);
    expect([...new Set(months)].sort()).toEqual(months);
  });

  it('picks the latest schedule that has started', () => {
    expect(scheduleFor('2019-11')).toBeNull();
    expect(scheduleFor('2019-12')).toBe(PRICE_SCHEDULES[0]);
    expect(scheduleFor('2030-06')).toBe(PRICE_SCHEDULES[0]);
    const later: PriceSchedule = { effectiveFrom: '2021-01', prices: PRICE_SCHEDULES[0].prices };
    // Given out of order on purpose: the pick must not depend on array order.
    const schedules = [later, PRICE_SCHEDULES[0]];
    expect(scheduleFor('2020-12', schedules)).toBe(PRICE_SCHEDULES[0]);
    expect(scheduleFor('2021-01', schedules)).toBe(later);
    expect(() => scheduleFor('2021-1')).toThrow();
  });
});

describe('packs (SPEC §4)', () => {
  it('sells three sizes', () => {
    expect(PACK_SIZES.map((s) => [s.code, s.label, s.calls])).toEqual([
      ['100k', '10万次', 100_000],
      ['1m', '100万次', 1_000_000],
      ['10m', '1000万次', 10_000_000],
    ]);
    expect(packSizeOf('1m').calls).toBe(1_000_000);
    expect(isPackSizeCode('10m')).toBe(true);
    expect(isPackSizeCode('5m')).toBe(false);
  });

  it('groups items by pack price', () => {
    const groups = Object.fromEntries(ITEM_LIST.map((i) => [i.code, i.packGroup]));
    expect(groups).toEqual({
      label: 'A',
      product: 'A',
      politics: 'A',
      terrorism: 'A',
      celebrity: 'B',
      porn: 'B',
      car: 'C',
      crop: 'C',
      quality: 'C',
      enhance: null,
    });
  });

  it('has the pack prices of SPEC §4', () => {
    expect(PACK_PRICES).toEqual({
      A: { '100k': '225', '1m': '2000', '10m': '17000' },
      B: { '100k': '180', '1m': '1500', '10m': '11000' },
      C: { '100k': '270', '1m': '2400', '10m': '18000' },
    });
  });
});

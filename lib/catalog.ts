/**
 * The product catalog as data: billing items, tiers, list prices by effective month,
 * pack sizes and pack prices. Pricing code reads these tables and holds no literals of
 * its own, so a price change is a new PRICE_SCHEDULES entry and nothing else.
 */
import { parseMonth, type Month } from './period';

export const ITEM_CODES = [
  'label',
  'product',
  'celebrity',
  'car',
  'porn',
  'politics',
  'terrorism',
  'crop',
  'quality',
  'enhance',
] as const;
export type ItemCode = (typeof ITEM_CODES)[number];

export type ItemGroup = '图像理解' | '图像审核' | '图像处理' | '图像质量评估';
export type ApiAction =
  | 'DetectLabel'
  | 'DetectProduct'
  | 'DetectCelebrity'
  | 'RecognizeCar'
  | 'ImageModeration'
  | 'CropImage'
  | 'AssessQuality'
  | 'EnhanceImage';
export type ModerationScene = 'PORN' | 'POLITICS' | 'TERRORISM';
export type PackGroup = 'A' | 'B' | 'C';

export interface CatalogItem {
  readonly code: ItemCode;
  readonly group: ItemGroup;
  readonly name: string;
  readonly action: ApiAction;
  /** Only ImageModeration items: the scene that counts as one call of this item. */
  readonly scene?: ModerationScene;
  /** false: metered and shown but never charged (公测免费). */
  readonly billable: boolean;
  /** Prepaid pack price group; null when no packs are sold for the item. */
  readonly packGroup: PackGroup | null;
}

/** Shown wherever an amount is ¥0 because of the public beta or an unpriced item. */
export const BETA_FREE_LABEL = '公测免费';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const ITEMS: Readonly<Record<ItemCode, CatalogItem>> = deepFreeze({
  label: { code: 'label', group: '图像理解', name: '图像标签', action: 'DetectLabel', billable: true, packGroup: 'A' },
  product: { code: 'product', group: '图像理解', name: '商品识别', action: 'DetectProduct', billable: true, packGroup: 'A' },
  celebrity: { code: 'celebrity', group: '图像理解', name: '公众人物识别', action: 'DetectCelebrity', billable: true, packGroup: 'B' },
  car: { code: 'car', group: '图像理解', name: '车型识别', action: 'RecognizeCar', billable: true, packGroup: 'C' },
  porn: { code: 'porn', group: '图像审核', name: '图像鉴黄', action: 'ImageModeration', scene: 'PORN', billable: true, packGroup: 'B' },
  politics: { code: 'politics', group: '图像审核', name: '政治敏感识别', action: 'ImageModeration', scene: 'POLITICS', billable: true, packGroup: 'A' },
  terrorism: { code: 'terrorism', group: '图像审核', name: '暴恐识别', action: 'ImageModeration', scene: 'TERRORISM', billable: true, packGroup: 'A' },
  crop: { code: 'crop', group: '图像处理', name: '智能裁剪', action: 'CropImage', billable: true, packGroup: 'C' },
  quality: { code: 'quality', group: '图像质量评估', name: '视觉质量评估', action: 'AssessQuality', billable: true, packGroup: 'C' },
  enhance: { code: 'enhance', group: '图像处理', name: '图像清晰度增强', action: 'EnhanceImage', billable: false, packGroup: null },
});

/** Items in the order of the price table (SPEC §1), for pages, bills and CSVs. */
export const ITEM_LIST: readonly CatalogItem[] = Object.freeze(ITEM_CODES.map((code) => ITEMS[code]));

export function isItemCode(x: unknown): x is ItemCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(ITEMS, x);
}

export type Tier = 1 | 2 | 3 | 4;
export const TIERS: readonly Tier[] = Object.freeze([1, 2, 3, 4] as const);
/** Inclusive upper bounds of tiers 1–3 in calls per month; tier 4 is open-ended. */
export const TIER_UPPER_BOUNDS = [1_000_000, 3_000_000, 15_000_000] as const;
export const TIER_LABELS: Readonly<Record<Tier, string>> = deepFreeze({
  1: '0-100万次/月',
  2: '100万-300万次/月',
  3: '300万-1500万次/月',
  4: '1500万次以上/月',
});

/** 元 per 1,000 calls for tiers 1–4, as canonical decimal strings. */
export type TierPrices = readonly [string, string, string, string];

export interface PriceSchedule {
  readonly effectiveFrom: Month;
  /** null: metered but not charged in this schedule. */
  readonly prices: Readonly<Record<ItemCode, TierPrices | null>>;
}

export const PRICE_SCHEDULES: readonly PriceSchedule[] = deepFreeze([
  {
    effectiveFrom: '2019-12',
    prices: {
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
    },
  },
]);

/**
 * The schedule in force for a month: the latest effectiveFrom ≤ month. null before the
 * first schedule, i.e. during the public beta. Months compare as fixed-width strings.
 */
export function scheduleFor(
  month: Month,
  schedules: readonly PriceSchedule[] = PRICE_SCHEDULES,
): PriceSchedule | null {
  parseMonth(month);
  let found: PriceSchedule | null = null;
  for (const schedule of schedules) {
    if (schedule.effectiveFrom <= month && (!found || schedule.effectiveFrom > found.effectiveFrom)) {
      found = schedule;
    }
  }
  return found;
}

export const PACK_SIZES = deepFreeze([
  { code: '100k', label: '10万次', calls: 100_000 },
  { code: '1m', label: '100万次', calls: 1_000_000 },
  { code: '10m', label: '1000万次', calls: 10_000_000 },
] as const);
export type PackSize = (typeof PACK_SIZES)[number];
export type PackSizeCode = PackSize['code'];

export function isPackSizeCode(x: unknown): x is PackSizeCode {
  return PACK_SIZES.some((size) => size.code === x);
}

export function packSizeOf(code: PackSizeCode): PackSize {
  const size = PACK_SIZES.find((s) => s.code === code);
  if (!size) throw new RangeError(`Unknown pack size: ${String(code)}`);
  return size;
}

/** 元 per pack (SPEC §4). */
export const PACK_PRICES: Readonly<Record<PackGroup, Readonly<Record<PackSizeCode, string>>>> = deepFreeze({
  A: { '100k': '225', '1m': '2000', '10m': '17000' },
  B: { '100k': '180', '1m': '1500', '10m': '11000' },
  C: { '100k': '270', '1m': '2400', '10m': '18000' },
});

export const FREE_CALLS_PER_MONTH = 10_000;
export const PACK_VALID_MONTHS = 12;
export const PACK_REFUND_DAYS = 7;
export const ORDER_TTL_MINUTES = 30;
export const PACK_QUANTITY_MIN = 1;
export const PACK_QUANTITY_MAX = 99;
/** Next month's freeze = this month's charged calls × list price × this ratio (100%). */
export const FREEZE_RATIO = '1';

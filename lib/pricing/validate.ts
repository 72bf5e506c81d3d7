import { isItemCode, type ItemCode } from '../catalog';
import { isMonth, type Month } from '../period';
import { PricingError } from './errors';

export function assertMonth(month: unknown): Month {
  if (!isMonth(month)) {
    throw new PricingError('INVALID_MONTH', `month must be a real YYYY-MM month, got ${JSON.stringify(month)}`);
  }
  return month;
}

export function assertItem(item: unknown, where: string): ItemCode {
  if (!isItemCode(item)) {
    throw new PricingError('UNKNOWN_ITEM', `${where}: unknown billing item ${JSON.stringify(item)}`);
  }
  return item;
}

/** Call counts are whole numbers that a JS number holds exactly. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

export function countError(n: unknown, what: string): PricingError {
  const got = typeof n === 'number' ? String(n) : JSON.stringify(n);
  return new PricingError('INVALID_COUNT', `${what} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${got}`);
}

export function assertCount(n: unknown, what: string): number {
  if (!isCount(n)) throw countError(n, what);
  return n + 0; // turns -0 into 0
}

import { randomInt } from 'node:crypto';
import { formatDateTime } from '@/lib/period';

/**
 * A reference customers can read and quote (订单号, 充值单号): prefix, the app time in
 * UTC+8 to the second, then six random digits so two made in the same second differ.
 */
export function newReference(prefix: string, now: number): string {
  const stamp = formatDateTime(now).replace(/\D/g, '');
  return `${prefix}${stamp}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

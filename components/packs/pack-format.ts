import { ITEMS, ITEM_CODES, PACK_SIZES, isItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import type { BadgeTone } from '@/components/ui/badge';
import type { RouterOutputs } from '@/components/trpc';

/** A pack as 资源包 lists it. */
export type PackRow = RouterOutputs['packs']['list'][number];

export function itemName(code: string): string {
  return isItemCode(code) ? ITEMS[code].name : code;
}

/** Catalog sizes by their label (1000万次); anything else, like the free 10,000 calls, in digits. */
export function packSizeLabel(calls: number): string {
  return PACK_SIZES.find((s) => s.calls === calls)?.label ?? `${formatCalls(calls)}次`;
}

export const PACK_STATUS_TONES: Readonly<Record<PackRow['status'], BadgeTone>> = {
  active: 'success',
  used_up: 'muted',
  expired: 'muted',
  refunded: 'warn',
};

/** Newest packs first; packs that start together (one month's free packs) in price-table order. */
export function byValidFromThenCatalog(a: { validFrom: number; item: string }, b: { validFrom: number; item: string }): number {
  const order = (item: string) => (isItemCode(item) ? ITEM_CODES.indexOf(item) : ITEM_CODES.length);
  return b.validFrom - a.validFrom || order(a.item) - order(b.item);
}

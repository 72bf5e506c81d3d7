import {
  ITEMS,
  PACK_PRICES,
  PACK_QUANTITY_MAX,
  PACK_QUANTITY_MIN,
  isPackSizeCode,
  type ItemCode,
  type PackSizeCode,
} from '../catalog';
import { Decimal, yuanToFen, type Fen } from '../money';
import { PricingError } from './errors';
import { assertItem } from './validate';

export interface PackSpec {
  item: ItemCode;
  size: PackSizeCode;
}

/**
 * Price in 元 (2 decimals, "17000.00") of `quantity` packs. The purchase page and the
 * order endpoint both call this, so the price shown is the price charged.
 */
export function packPrice(spec: PackSpec, quantity: number): string {
  const item = assertItem(spec?.item, 'packPrice');
  const group = ITEMS[item].packGroup;
  if (!group) {
    throw new PricingError('NO_PACKS_FOR_ITEM', `${item} (${ITEMS[item].name}) has no prepaid packs`);
  }
  if (!isPackSizeCode(spec.size)) {
    throw new PricingError('UNKNOWN_PACK_SIZE', `unknown pack size ${JSON.stringify(spec.size)}`);
  }
  if (!Number.isSafeInteger(quantity) || quantity < PACK_QUANTITY_MIN || quantity > PACK_QUANTITY_MAX) {
    throw new PricingError(
      'INVALID_QUANTITY',
      `quantity must be a whole number from ${PACK_QUANTITY_MIN} to ${PACK_QUANTITY_MAX}, got ${String(quantity)}`,
    );
  }
  return new Decimal(PACK_PRICES[group][spec.size]).times(quantity).toFixed(2);
}

export function packPriceFen(spec: PackSpec, quantity: number): Fen {
  return yuanToFen(packPrice(spec, quantity));
}

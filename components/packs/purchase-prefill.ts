import { ITEMS, isItemCode, isPackSizeCode, type ItemCode, type PackSizeCode } from '@/lib/catalog';
import { parseQuantity } from './quantity';

export interface PurchaseChoice {
  item: ItemCode;
  size: PackSizeCode;
  quantity: string;
}

const DEFAULT_CHOICE: PurchaseChoice = { item: 'label', size: '100k', quantity: '1' };

/**
 * The purchase form's first choice from its address (按推荐购买 links to
 * /packs/buy?item=…&size=…&quantity=…). Anything not a valid choice falls back to the
 * default for that field, so a hand-edited link never fills the form with garbage.
 */
export function purchasePrefill(query: { item?: string; size?: string; quantity?: string }): PurchaseChoice {
  const item = isItemCode(query.item) && ITEMS[query.item].packGroup ? query.item : DEFAULT_CHOICE.item;
  const size = isPackSizeCode(query.size) ? query.size : DEFAULT_CHOICE.size;
  const quantity = query.quantity !== undefined && parseQuantity(query.quantity).ok ? query.quantity.trim() : DEFAULT_CHOICE.quantity;
  return { item, size, quantity };
}

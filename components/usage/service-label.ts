import { ITEMS, type ItemCode } from '@/lib/catalog';

/** The 服务 cell: an item's name, or 全部服务 for a row that sums every item. */
export function serviceLabel(item: ItemCode | null): string {
  return item ? ITEMS[item].name : '全部服务';
}

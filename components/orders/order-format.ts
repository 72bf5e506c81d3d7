import type { RouterOutputs } from '@/components/trpc';
import type { BadgeTone } from '@/components/ui/badge';
import { itemName } from '@/components/packs/pack-format';
import { isPackSizeCode, packSizeOf } from '@/lib/catalog';

export type Order = RouterOutputs['orders']['get'];

export const ORDER_STATUS: Readonly<Record<Order['status'], { label: string; tone: BadgeTone }>> = {
  pending: { label: '待支付', tone: 'warn' },
  paid: { label: '已支付', tone: 'success' },
  cancelled: { label: '已取消', tone: 'muted' },
  expired: { label: '已过期', tone: 'muted' },
};

export function sizeLabelOf(sizeCode: string): string {
  return isPackSizeCode(sizeCode) ? packSizeOf(sizeCode).label : sizeCode;
}

/** "图像标签 1000万次 × 1": what the order buys, as toasts and dialogs name it. */
export function orderSubject(order: Pick<Order, 'item' | 'sizeCode' | 'quantity'>): string {
  return `${itemName(order.item)} ${sizeLabelOf(order.sizeCode)} × ${order.quantity}`;
}

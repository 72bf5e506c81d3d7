import { PACK_QUANTITY_MAX, PACK_QUANTITY_MIN } from '@/lib/catalog';

export type QuantityResult = { ok: true; value: number } | { ok: false; message: string };

export const QUANTITY_MESSAGE = `请输入 ${PACK_QUANTITY_MIN} 至 ${PACK_QUANTITY_MAX} 的整数`;

/** What was typed into 数量: plain digits only, a whole number of packs from 1 to 99. */
export function parseQuantity(text: string): QuantityResult {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return { ok: false, message: QUANTITY_MESSAGE };
  const value = Number(trimmed);
  if (value < PACK_QUANTITY_MIN || value > PACK_QUANTITY_MAX) return { ok: false, message: QUANTITY_MESSAGE };
  return { ok: true, value };
}

/** The stepper's next value, kept inside 1–99 even from a half-typed field. */
export function stepQuantity(text: string, delta: 1 | -1): string {
  const current = parseQuantity(text);
  if (!current.ok) return String(PACK_QUANTITY_MIN);
  return String(Math.min(PACK_QUANTITY_MAX, Math.max(PACK_QUANTITY_MIN, current.value + delta)));
}

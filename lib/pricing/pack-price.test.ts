import { describe, expect, it } from 'vitest';
import type { ItemCode, PackSizeCode } from '../catalog';
import { PricingError, packPrice, packPriceFen } from './index';

describe('packPrice: SPEC §4 price × quantity', () => {
  it.each([
    ['label', '100k', 1, '225.00', 22_500],
    ['label', '10m', 1, '17000.00', 1_700_000],
    ['product', '1m', 3, '6000.00', 600_000],
    ['politics', '10m', 99, '1683000.00', 168_300_000],
    ['terrorism', '100k', 2, '450.00', 45_000],
    ['celebrity', '100k', 1, '180.00', 18_000],
    ['porn', '1m', 2, '3000.00', 300_000],
    ['celebrity', '10m', 1, '11000.00', 1_100_000],
    ['car', '100k', 1, '270.00', 27_000],
    ['crop', '1m', 1, '2400.00', 240_000],
    ['quality', '10m', 5, '90000.00', 9_000_000],
  ] as const)('%s %s × %d = ¥%s', (item, size, quantity, yuan, fen) => {
    expect(packPrice({ item, size }, quantity)).toBe(yuan);
    expect(packPriceFen({ item, size }, quantity)).toBe(fen);
  });

  it('sells no packs for enhance', () => {
    expect(() => packPrice({ item: 'enhance', size: '1m' }, 1)).toThrow(
      expect.objectContaining({ name: 'PricingError', code: 'NO_PACKS_FOR_ITEM' }),
    );
  });

  it.each([0, 100, -1, 1.5, NaN, Infinity])('refuses quantity %d', (quantity) => {
    expect(() => packPrice({ item: 'label', size: '1m' }, quantity)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY', message: expect.stringMatching(/from 1 to 99/) }),
    );
  });

  it('accepts the quantity limits 1 and 99', () => {
    expect(packPrice({ item: 'car', size: '100k' }, 1)).toBe('270.00');
    expect(packPrice({ item: 'car', size: '100k' }, 99)).toBe('26730.00');
  });

  it('refuses an unknown item or size', () => {
    expect(() => packPrice({ item: 'ocr' as ItemCode, size: '1m' }, 1)).toThrow(PricingError);
    expect(() => packPrice({ item: 'label', size: '5m' as PackSizeCode }, 1)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_PACK_SIZE' }),
    );
  });
});

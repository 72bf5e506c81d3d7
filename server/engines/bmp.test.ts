import { describe, expect, it } from 'vitest';
import { decodeBmp } from './bmp';
import { bmp24, bmp8TopDown } from './sample-images';

const pixel = (x: number, y: number): [number, number, number] => [x * 10, y * 20, 200];

describe('decodeBmp', () => {
  it('reads a bottom-up 24-bit bitmap with row padding', () => {
    const img = decodeBmp(bmp24(5, 3, pixel), 1e6);
    expect([img.width, img.height]).toEqual([5, 3]);
    expect([...img.data.subarray(0, 3)]).toEqual(pixel(0, 0));
    const last = (2 * 5 + 4) * 3;
    expect([...img.data.subarray(last, last + 3)]).toEqual(pixel(4, 2));
  });

  it('reads a top-down 8-bit palette bitmap', () => {
    const img = decodeBmp(bmp8TopDown(3, 2, (x, y) => (x + y) % 4), 1e6);
    expect([...img.data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
  });

  it('refuses truncated, oversized, compressed and out-of-palette bitmaps', () => {
    const good = bmp24(8, 8, pixel);
    expect(() => decodeBmp(good.subarray(0, good.length - 10), 1e6)).toThrow('像素数据不完整');
    expect(() => decodeBmp(good, 63)).toThrow(expect.objectContaining({ message: '图片像素超过 63 上限', failure: 'pixels' }));
    const rle = Buffer.from(good);
    rle.writeUInt32LE(1, 30);
    expect(() => decodeBmp(rle, 1e6)).toThrow('不支持压缩');
    const badIndex = bmp8TopDown(2, 1, () => 200);
    expect(() => decodeBmp(badIndex, 1e6)).toThrow('调色板');
  });
});

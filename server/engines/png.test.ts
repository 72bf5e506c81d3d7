import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeSimplePng } from './png';
import { noiseImage, shapesImage } from './sample-images';

/** sharp's own decode of the same file, as packed RGB. */
async function reference(png: Buffer): Promise<Uint8Array> {
  const { data } = await sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}

describe('decodeSimplePng', () => {
  it.each([
    ['RGB', (img: Sharp) => img.png()],
    ['RGBA', (img: Sharp) => img.ensureAlpha(0.5).png()],
    ['grey', (img: Sharp) => img.greyscale().png()],
    ['palette', (img: Sharp) => img.png({ palette: true, colours: 256, dither: 0 })],
  ])('decodes %s exactly as sharp does', async (_, encode) => {
    const png = await encode(sharp(await noiseImage(37, 23, 30))).toBuffer();
    const raster = decodeSimplePng(png, 1e6)!;
    expect([raster.width, raster.height, raster.channels]).toEqual([37, 23, 3]);
    expect(Buffer.from(raster.data).equals(Buffer.from(await reference(png)))).toBe(true);
  });

  it('leaves 16-bit and interlaced files to sharp', async () => {
    const base = sharp(await shapesImage(20, 10));
    expect(decodeSimplePng(await base.clone().png({ progressive: true }).toBuffer(), 1e6)).toBeNull();
    expect(decodeSimplePng(await base.clone().toColourspace('rgb16').png().toBuffer(), 1e6)).toBeNull();
  });

  it('refuses corrupt, truncated and oversized files', async () => {
    const png = await shapesImage(40, 30);
    const flipped = Buffer.from(png);
    flipped[png.length - 20] ^= 0xff;
    expect(() => decodeSimplePng(flipped, 1e6)).toThrow('PNG 图片解码失败');
    expect(() => decodeSimplePng(png.subarray(0, png.length - 12), 1e6)).toThrow('数据不完整');
    expect(() => decodeSimplePng(png, 100)).toThrow('像素过多');
  });
});

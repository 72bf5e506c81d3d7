import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeSimplePng } from './png';
import { chunksOf as allChunksOf, ihdr, pngOf, type Chunk } from '@/server/testing/png-chunks';
import { noiseImage, shapesImage } from './sample-images';

// sharp writes IHDR, pHYs, IDAT, IEND; pHYs is dropped so each case places its own.
const chunksOf = (png: Buffer) => allChunksOf(png, ['pHYs']);

/** sharp's own decode of the same file, as packed RGB, or RGBA for a file with alpha. */
async function reference(png: Buffer, channels: 3 | 4): Promise<Uint8Array> {
  const image = sharp(png);
  const { data } = await (channels === 4 ? image.ensureAlpha() : image.removeAlpha()).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}

describe('decodeSimplePng', () => {
  it.each([
    ['RGB', 3, (img: Sharp) => img.png()],
    ['RGBA', 4, (img: Sharp) => img.ensureAlpha(0.5).png()],
    ['grey', 3, (img: Sharp) => img.greyscale().png()],
    ['palette', 3, (img: Sharp) => img.png({ palette: true, colours: 256, dither: 0 })],
  ] as const)('decodes %s exactly as sharp does', async (_, channels, encode) => {
    const png = await encode(sharp(await noiseImage(37, 23, 30))).toBuffer();
    const raster = decodeSimplePng(png, 512)!;
    expect([raster.width, raster.height, raster.channels]).toEqual([37, 23, channels]);
    expect(Buffer.from(raster.data).equals(Buffer.from(await reference(png, channels)))).toBe(true);
  });

  it('decodes grey and alpha (colour type 4, which sharp does not write) as RGB, exactly as sharp does', async () => {
    const [width, height] = [5, 3];
    const row = (y: number) => [0, ...Array.from({ length: width }, (_, x) => [(x * 50 + y * 7) & 255, 255 - x * 40]).flat()];
    const idat = zlib.deflateSync(Buffer.from(Array.from({ length: height }, (_, y) => row(y)).flat()));
    const png = pngOf([['IHDR', ihdr(width, height, 4)], ['IDAT', idat], ['IEND', Buffer.alloc(0)]]);
    const raster = decodeSimplePng(png, 512)!;
    expect([raster.width, raster.height, raster.channels]).toEqual([width, height, 3]);
    expect(Buffer.from(raster.data).equals(Buffer.from(await reference(png, 3)))).toBe(true);
  });

  it.each([
    ['RGB', 2, 3],
    ['RGBA', 6, 4],
  ] as const)('reverses every row filter (none, sub, up, average, paeth) in %s exactly as sharp does', async (_, colorType, channels) => {
    // Any bytes are a valid filtered row: rows of pseudo-random bytes, filter type y mod 5,
    // so every filter meets every neighbour (the first row, a row after each other type).
    const [width, height] = [16, 25];
    let seed = 12345;
    const byte = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 23;
    const rows = Array.from({ length: height }, (_, y) => [y % 5, ...Array.from({ length: width * channels }, byte)]);
    const png = pngOf([['IHDR', ihdr(width, height, colorType)], ['IDAT', zlib.deflateSync(Buffer.from(rows.flat()))], ['IEND', Buffer.alloc(0)]]);
    const raster = decodeSimplePng(png, 512)!;
    expect([raster.width, raster.height, raster.channels]).toEqual([width, height, channels]);
    expect(Buffer.from(raster.data).equals(Buffer.from(await reference(png, channels)))).toBe(true);
  });

  it("keeps a small image's pixels in a buffer of their own, not in a slice of Node's shared pool", async () => {
    const small = decodeSimplePng(await sharp(await noiseImage(8, 8)).png().toBuffer(), 512)!;
    expect([small.data.byteOffset, small.data.buffer.byteLength]).toEqual([0, small.data.length]);
    // A larger one is not copied: its pixels stay at the start of the buffer zlib inflated
    // into, which still holds the filter bytes' worth beyond them.
    const large = decodeSimplePng(await sharp(await noiseImage(64, 64)).png().toBuffer(), 512)!;
    expect(large.data.byteOffset).toBe(0);
    expect(large.data.buffer.byteLength).toBeGreaterThanOrEqual(large.data.length + 64);
  });

  it('leaves 16-bit and interlaced files to sharp', async () => {
    const base = sharp(await shapesImage(20, 10));
    expect(decodeSimplePng(await base.clone().png({ progressive: true }).toBuffer(), 512)).toBeNull();
    expect(decodeSimplePng(await base.clone().toColourspace('rgb16').png().toBuffer(), 512)).toBeNull();
  });

  it('leaves anything larger than the analysis size to sharp', async () => {
    const png = await shapesImage(40, 30);
    expect(decodeSimplePng(png, 39)).toBeNull();
    expect(decodeSimplePng(png, 40)).not.toBeNull();
  });

  it('refuses corrupt and truncated files', async () => {
    const png = await shapesImage(40, 30);
    const flipped = Buffer.from(png);
    flipped[png.length - 20] ^= 0xff;
    expect(() => decodeSimplePng(flipped, 512)).toThrow('PNG 图片解码失败');
    expect(() => decodeSimplePng(png.subarray(0, png.length - 12), 512)).toThrow('数据不完整');
  });
});

describe('decodeSimplePng enforces the chunk order of the PNG specification', () => {
  const chunk = (type: string, bytes: number[] = []): Chunk => [type, Buffer.from(bytes)];

  it('refuses a second IHDR, e.g. 1×1 then 6000×6000 (the first must not decide the size)', async () => {
    const [head, ...rest] = chunksOf(await shapesImage(1, 1));
    const forged = pngOf([head, ['IHDR', ihdr(6000, 6000)], ...rest]);
    expect(() => decodeSimplePng(forged, 512)).toThrow('PNG 图片解码失败：IHDR 重复');
  });

  it.each<[string, (c: Chunk[]) => Chunk[], string]>([
    ['a chunk before IHDR', ([h, ...r]) => [chunk('tEXt', [0x61, 0, 0x62]), h, ...r], '缺少 IHDR'],
    ['PLTE after IDAT', (c) => [...c.slice(0, -1), chunk('PLTE', [1, 2, 3]), c.at(-1)!], 'PLTE 块须在 IDAT 之前'],
    ['two PLTE chunks', ([h, ...r]) => [h, chunk('PLTE', [1, 2, 3]), chunk('PLTE', [1, 2, 3]), ...r], 'PLTE 块重复'],
    ['gAMA after PLTE', ([h, ...r]) => [h, chunk('PLTE', [1, 2, 3]), chunk('gAMA', [0, 0, 0xb1, 0x8f]), ...r], 'gAMA 块须在 PLTE 之前'],
    ['pHYs after IDAT', (c) => [...c.slice(0, -1), chunk('pHYs', [0, 0, 0, 1, 0, 0, 0, 1, 0]), c.at(-1)!], 'pHYs 块须在 IDAT 之前'],
    ['two gAMA chunks', ([h, ...r]) => [h, chunk('gAMA', [0, 0, 0xb1, 0x8f]), chunk('gAMA', [0, 0, 0xb1, 0x8f]), ...r], 'gAMA 块重复'],
    ['IDATs split by another chunk', (c) => splitIdat(c, chunk('tEXt', [0x61, 0, 0x62])), 'IDAT 块不连续'],
    ['no IDAT', (c) => c.filter(([t]) => t !== 'IDAT'), '缺少图像数据'],
    ['no IEND', (c) => c.slice(0, -1), '数据不完整'],
    ['IEND with data', (c) => [...c.slice(0, -1), chunk('IEND', [0])], 'IEND 无效'],
    ['an unknown critical chunk', ([h, ...r]) => [h, chunk('ABCD', [1]), ...r], '未知的关键块 ABCD'],
    ['a chunk type that is not letters', ([h, ...r]) => [h, chunk('a1cd', [1]), ...r], '块类型无效'],
    ['a palette for a greyscale image', ([, ...r]) => [['IHDR', ihdr(4, 4, 0)], chunk('PLTE', [1, 2, 3]), ...r], '灰度图不应有调色板'],
    ['a palette whose length is not 3n', ([h, ...r]) => [h, chunk('PLTE', [1, 2, 3, 4]), ...r], '调色板无效'],
    ['a zero width', ([, ...r]) => [['IHDR', ihdr(0, 4)], ...r], '尺寸无效'],
  ])('refuses %s', async (_, surgery, why) => {
    const bad = pngOf(surgery(chunksOf(await shapesImage(8, 8))));
    expect(() => decodeSimplePng(bad, 512)).toThrow(`PNG 图片解码失败：${why}`);
  });

  it('decodes image data split over consecutive IDATs as the same picture in one', async () => {
    const chunks = chunksOf(await noiseImage(40, 30, 30));
    const thirds = chunks.flatMap((c): Chunk[] => {
      if (c[0] !== 'IDAT') return [c];
      const third = Math.ceil(c[1].length / 3);
      return [0, 1, 2].map((i): Chunk => ['IDAT', c[1].subarray(i * third, (i + 1) * third)]);
    });
    expect(thirds.filter(([t]) => t === 'IDAT')).toHaveLength(3);
    const whole = decodeSimplePng(pngOf(chunks), 512)!;
    const split = decodeSimplePng(pngOf(thirds), 512)!;
    expect(split.channels).toBe(whole.channels);
    expect(Buffer.from(split.data).equals(Buffer.from(whole.data))).toBe(true);
  });

  it('accepts ancillary chunks where the specification puts them, and unknown ancillary ones', async () => {
    const [h, ...r] = chunksOf(await shapesImage(8, 8));
    const png = pngOf([h, chunk('gAMA', [0, 0, 0xb1, 0x8f]), chunk('pHYs', [0, 0, 0, 1, 0, 0, 0, 1, 0]), chunk('prVt', [7]), ...r.slice(0, -1), chunk('tEXt', [0x61, 0, 0x62]), r.at(-1)!]);
    expect(decodeSimplePng(png, 512)).toMatchObject({ width: 8, height: 8 });
  });
});

/** The image data split in two IDATs with `between` in the middle. */
function splitIdat(chunks: Chunk[], between: Chunk): Chunk[] {
  return chunks.flatMap((c): Chunk[] => {
    if (c[0] !== 'IDAT') return [c];
    const half = c[1].length >> 1;
    return [['IDAT', c[1].subarray(0, half)], between, ['IDAT', c[1].subarray(half)]];
  });
}

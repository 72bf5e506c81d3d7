import zlib from 'node:zlib';
import { ImageDecodeError } from './errors';
import type { Raster } from './raster';

// A strict decoder for the PNGs most API calls carry: 8-bit, non-interlaced greyscale,
// RGB, palette, grey+alpha or RGBA. For a few thousand pixels it is an order of magnitude
// cheaper than a libvips pipeline; anything else (16-bit, interlaced, 1/2/4-bit) returns
// null and is left to sharp. Every chunk's CRC is checked; alpha is dropped (the measures
// read colour only).

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function fail(why: string): never {
  throw new ImageDecodeError(`PNG 图片解码失败：${why}`);
}

interface Header {
  width: number;
  height: number;
  colorType: number;
}

function readChunks(buf: Buffer): { header: Header; palette: Buffer | null; data: Buffer } | null {
  if (buf.length < 8 || !SIGNATURE.equals(buf.subarray(0, 8))) fail('文件头无效');
  let header: Header | null = null;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > buf.length) fail('数据不完整');
    const length = buf.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buf.length) fail('数据不完整');
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (zlib.crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) fail(`${type} 块校验失败`);
    offset = end;
    if (!header && type !== 'IHDR') fail('缺少 IHDR');
    if (type === 'IHDR') {
      if (length !== 13) fail('IHDR 无效');
      const [bitDepth, colorType, compression, filter, interlace] = data.subarray(8, 13);
      if (compression !== 0 || filter !== 0) fail('IHDR 无效');
      if (bitDepth !== 8 || interlace !== 0 || !(colorType in CHANNELS)) return null;
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), colorType };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (!header || header.width === 0 || header.height === 0) fail('尺寸无效');
  if (header.colorType === 3 && !palette) fail('缺少调色板');
  return { header, palette, data: Buffer.concat(idat) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses the per-row filters; returns the rows without their filter bytes. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  // Row 0 reads an all-zero row above it.
  const zeros = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : zeros;
    switch (filter) {
      case 0:
        row.set(src);
        break;
      case 1:
        for (let x = 0; x < stride; x++) row[x] = src[x] + (x >= bpp ? row[x - bpp] : 0);
        break;
      case 2:
        for (let x = 0; x < stride; x++) row[x] = src[x] + up[x];
        break;
      case 3:
        for (let x = 0; x < stride; x++) row[x] = src[x] + (((x >= bpp ? row[x - bpp] : 0) + up[x]) >> 1);
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          row[x] = src[x] + (x >= bpp ? paeth(row[x - bpp], up[x], up[x - bpp]) : up[x]);
        }
        break;
      default:
        fail('行过滤类型无效');
    }
  }
  return out;
}

function toRgb(pixels: Uint8Array, header: Header, palette: Buffer | null): Uint8Array {
  const n = header.width * header.height;
  const bpp = CHANNELS[header.colorType];
  if (header.colorType === 2) return pixels;
  const rgb = new Uint8Array(n * 3);
  if (header.colorType === 6) {
    for (let i = 0, p = 0, o = 0; i < n; i++, p += 4, o += 3) {
      rgb[o] = pixels[p];
      rgb[o + 1] = pixels[p + 1];
      rgb[o + 2] = pixels[p + 2];
    }
  } else if (header.colorType === 3) {
    const entries = palette!.length / 3;
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const entry = pixels[i];
      if (entry >= entries) fail('调色板索引越界');
      rgb[o] = palette![entry * 3];
      rgb[o + 1] = palette![entry * 3 + 1];
      rgb[o + 2] = palette![entry * 3 + 2];
    }
  } else {
    for (let i = 0, p = 0, o = 0; i < n; i++, p += bpp, o += 3) rgb[o] = rgb[o + 1] = rgb[o + 2] = pixels[p];
  }
  return rgb;
}

/** The RGB pixels of an 8-bit non-interlaced PNG of at most maxPixels; null for other variants. */
export function decodeSimplePng(buf: Buffer, maxPixels: number): Raster | null {
  const chunks = readChunks(buf);
  if (!chunks) return null;
  const { header, palette, data } = chunks;
  if (header.width * header.height > maxPixels) fail('像素过多');
  const bpp = CHANNELS[header.colorType];
  const expected = (header.width * bpp + 1) * header.height;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(data, { maxOutputLength: expected + 1 });
  } catch {
    fail('压缩数据损坏');
  }
  if (raw.length !== expected) fail('像素数据长度不符');
  return { width: header.width, height: header.height, channels: 3, data: toRgb(unfilter(raw, header.width, header.height, bpp), header, palette) };
}

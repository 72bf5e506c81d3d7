import zlib from 'node:zlib';
import { ImageDecodeError } from './errors';
import type { Raster } from './raster';

// A strict decoder for the PNGs most API calls carry: small (at most the analysis size),
// 8-bit, non-interlaced greyscale, RGB, palette, grey+alpha or RGBA. For a few thousand
// pixels it is an order of magnitude cheaper than a libvips pipeline; anything else
// (larger, 16-bit, interlaced, 1/2/4-bit) returns null and is left to sharp. Every chunk's
// CRC is checked and the chunk order the PNG specification requires is enforced (a second
// IHDR must not slip a 6000×6000 image past the size check made on the first). RGB and
// RGBA pixels are returned as they are unfiltered (the measures read the colour of either,
// and skip alpha); the other variants become RGB.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** A chunk type as the big-endian number its four bytes make, so that no chunk needs a string. */
const typeCode = (name: string) => Buffer.from(name, 'latin1').readUInt32BE(0);
const typeName = (code: number) => String.fromCharCode(code >>> 24, (code >>> 16) & 0xff, (code >>> 8) & 0xff, code & 0xff);
const [IHDR, PLTE, IDAT, IEND] = ['IHDR', 'PLTE', 'IDAT', 'IEND'].map(typeCode);

/** Ancillary chunks the specification allows only before PLTE, or only before IDAT. */
const BEFORE_PLTE_NAMES = ['cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI'];
const BEFORE_IDAT_NAMES = [...BEFORE_PLTE_NAMES, 'PLTE', 'bKGD', 'hIST', 'tRNS', 'pHYs', 'sPLT', 'eXIf', 'acTL'];
const BEFORE_PLTE = new Set(BEFORE_PLTE_NAMES.map(typeCode));
const BEFORE_IDAT = new Set(BEFORE_IDAT_NAMES.map(typeCode));
/** Chunks a file may hold once at most (sPLT, text and APNG frame chunks may repeat). */
const ONCE = new Set([...BEFORE_IDAT_NAMES, 'tIME'].filter((t) => t !== 'sPLT').map(typeCode));

function fail(why: string): never {
  throw new ImageDecodeError(`PNG 图片解码失败：${why}`);
}

interface Header {
  width: number;
  height: number;
  colorType: number;
}

/** Bit 5 of a type byte: lower case. First byte lower case = ancillary; third must be upper. */
const isLower = (code: number) => (code & 0x20) !== 0;
const isLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isChunkType = (buf: Buffer, at: number) => isLetter(buf[at]) && isLetter(buf[at + 1]) && isLetter(buf[at + 2]) && !isLower(buf[at + 2]) && isLetter(buf[at + 3]);

function readHeader(data: Buffer, maxSide: number): Header | null {
  if (data.length !== 13) fail('IHDR 无效');
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [bitDepth, colorType, compression, filter, interlace] = data.subarray(8, 13);
  if (width === 0 || height === 0 || width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) fail('尺寸无效');
  if (compression !== 0 || filter !== 0 || interlace > 1) fail('IHDR 无效');
  if (width > maxSide || height > maxSide || bitDepth !== 8 || interlace !== 0 || !(colorType in CHANNELS)) return null;
  return { width, height, colorType };
}

function readChunks(buf: Buffer, maxSide: number): { header: Header; palette: Buffer | null; data: Buffer } | null {
  if (buf.length < 8 || !SIGNATURE.equals(buf.subarray(0, 8))) fail('文件头无效');
  let header: Header | null = null;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  const seen = new Set<number>();
  let previous = 0;
  let offset = 8;
  for (;;) {
    if (offset + 12 > buf.length) fail('数据不完整');
    const length = buf.readUInt32BE(offset);
    if (length > MAX_CHUNK_LENGTH) fail('块长度无效');
    const end = offset + 12 + length;
    if (end > buf.length) fail('数据不完整');
    if (!isChunkType(buf, offset + 4)) fail('块类型无效');
    const type = buf.readUInt32BE(offset + 4);
    if (zlib.crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) fail(`${typeName(type)} 块校验失败`);
    const start = offset + 8;
    offset = end;

    if ((previous === 0) !== (type === IHDR)) fail(type === IHDR ? 'IHDR 重复' : '缺少 IHDR');
    if (ONCE.has(type) && seen.has(type)) fail(`${typeName(type)} 块重复`);
    if (type === IDAT && seen.has(IDAT) && previous !== IDAT) fail('IDAT 块不连续');
    if (BEFORE_IDAT.has(type) && seen.has(IDAT)) fail(`${typeName(type)} 块须在 IDAT 之前`);
    if (BEFORE_PLTE.has(type) && seen.has(PLTE)) fail(`${typeName(type)} 块须在 PLTE 之前`);
    seen.add(type);
    previous = type;

    if (type === IHDR) {
      header = readHeader(buf.subarray(start, start + length), maxSide);
      // Larger or other variants go to sharp whole: reading on would be wasted work.
      if (!header) return null;
    } else if (type === PLTE) {
      if (length === 0 || length % 3 !== 0 || length > 256 * 3) fail('调色板无效');
      if (header!.colorType === 0 || header!.colorType === 4) fail('灰度图不应有调色板');
      palette = buf.subarray(start, start + length);
    } else if (type === IDAT) idat.push(buf.subarray(start, start + length));
    else if (type === IEND) {
      // Bytes after IEND are never read, as by libpng.
      if (length !== 0) fail('IEND 无效');
      break;
    } else if (!isLower(type >>> 24)) fail(`未知的关键块 ${typeName(type)}`);
  }
  if (idat.length === 0) fail('缺少图像数据');
  if (header!.colorType === 3 && !palette) fail('缺少调色板');
  // Most files hold one IDAT: its bytes are inflated where they are, not copied first.
  return { header: header!, palette, data: idat.length === 1 ? idat[0] : Buffer.concat(idat) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Reverses the per-row filters in place, moving each row down over the filter bytes before
 * it; returns the rows as one view of `raw`. Row y is written at y × stride, below where it
 * is read (y × (stride + 1) + 1), so every byte is read before it is overwritten, and the row
 * above is already in its final place. No second buffer: for a 64×64 RGBA image that was a
 * 16 KB allocation a call (bench/api/README.md, twelfth round). Indexes rather than making
 * views of every row: for the small images decoded here the views cost as much as the
 * arithmetic.
 */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const s = y * (stride + 1) + 1; // this row's filtered bytes
    const o = y * stride; // this row, unfiltered
    const u = o - stride; // the row above, unfiltered; row 0 reads an all-zero row above it
    switch (filter) {
      case 0:
        raw.copyWithin(o, s, s + stride);
        break;
      case 1:
        for (let x = 0; x < stride; x++) raw[o + x] = raw[s + x] + (x >= bpp ? raw[o + x - bpp] : 0);
        break;
      case 2:
        if (y === 0) raw.copyWithin(o, s, s + stride);
        else for (let x = 0; x < stride; x++) raw[o + x] = raw[s + x] + raw[u + x];
        break;
      case 3:
        for (let x = 0; x < stride; x++) raw[o + x] = raw[s + x] + (((x >= bpp ? raw[o + x - bpp] : 0) + (y > 0 ? raw[u + x] : 0)) >> 1);
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          const up = y > 0 ? raw[u + x] : 0;
          raw[o + x] = raw[s + x] + (x >= bpp ? paeth(raw[o + x - bpp], up, y > 0 ? raw[u + x - bpp] : 0) : up);
        }
        break;
      default:
        fail('行过滤类型无效');
    }
  }
  return raw.subarray(0, stride * height);
}

/**
 * Greyscale, grey+alpha and palette pixels as RGB. (Copying RGBA to RGB instead of keeping
 * it cost 16–19 µs for a 64×64 image: bench/api/README.md, eleventh round.)
 */
function toRgb(pixels: Uint8Array, header: Header, palette: Buffer | null): Uint8Array {
  const n = header.width * header.height;
  const bpp = CHANNELS[header.colorType];
  const rgb = new Uint8Array(n * 3);
  if (header.colorType === 3) {
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

/**
 * The pixels of an 8-bit non-interlaced PNG at most maxSide on each side, RGB or (a file
 * with alpha colour) RGBA; null for a larger one or another variant. Throws
 * ImageDecodeError for anything malformed it reads.
 */
export function decodeSimplePng(buf: Buffer, maxSide: number): Raster | null {
  const chunks = readChunks(buf, maxSide);
  if (!chunks) return null;
  const { header, palette, data } = chunks;
  const bpp = CHANNELS[header.colorType];
  const expected = (header.width * bpp + 1) * header.height;
  let raw: Buffer;
  try {
    // One output chunk of the size expected (+1 to tell a longer stream): with the default
    // 16 KB chunks a 64×64 RGBA image (16,449 bytes) took two, and inflating cost 3–4× as much.
    raw = zlib.inflateSync(data, { maxOutputLength: expected + 1, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, expected + 1) });
  } catch {
    fail('压缩数据损坏');
  }
  if (raw.length !== expected) fail('像素数据长度不符');
  const pixels = unfilter(raw, header.width, header.height, bpp);
  const { width, height, colorType } = header;
  if (colorType === 2 || colorType === 6) {
    // zlib inflates into Buffer.allocUnsafe, which hands out slices of a shared pool below
    // half its size: those pixels are copied out, so a raster never holds (nor, posted to a
    // model thread, copies) other buffers' bytes. A larger image's buffer is its own.
    const own = expected + 1 < Buffer.poolSize >>> 1 ? new Uint8Array(pixels) : pixels;
    return { width, height, channels: bpp as 3 | 4, data: own };
  }
  return { width, height, channels: 3, data: toRgb(pixels, header, palette) };
}

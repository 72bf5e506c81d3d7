import { ImageDecodeError } from './errors';

// sharp's prebuilt libvips has no BMP loader, so BMP (accepted by SPEC §8) is decoded here:
// uncompressed BI_RGB at 1/4/8/16/24/32 bits and BI_BITFIELDS at 16/32 bits, bottom-up or
// top-down. RLE-compressed and OS/2 bitmaps are refused as undecodable.

export interface RgbImage {
  width: number;
  height: number;
  /** Packed RGB, 3 bytes per pixel, rows top to bottom. */
  data: Buffer;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const INFO_HEADER_SIZES = new Set([40, 52, 56, 108, 124]);

interface Channel {
  mask: number;
  shift: number;
  max: number;
}

function channel(mask: number): Channel {
  if (mask === 0) return { mask, shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { mask, shift, max: mask >>> shift };
}

function scaled(value: number, c: Channel): number {
  return c.max === 0 ? 0 : Math.round((((value & c.mask) >>> c.shift) * 255) / c.max);
}

export function decodeBmp(buf: Buffer, maxPixels: number): RgbImage {
  const fail = (why: string): never => {
    throw new ImageDecodeError(`BMP 图片无法解码：${why}`);
  };
  if (buf.length < 54 || buf.toString('latin1', 0, 2) !== 'BM') fail('文件头不完整');
  const dataOffset = buf.readUInt32LE(10);
  const headerSize = buf.readUInt32LE(14);
  if (!INFO_HEADER_SIZES.has(headerSize)) fail('不支持的 BMP 版本');
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  const colorsUsed = buf.readUInt32LE(46);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0) fail('尺寸无效');
  if (width * height > maxPixels) throw new ImageDecodeError(`图片像素超过 ${maxPixels} 上限`, 'pixels');
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) fail(`不支持 ${bpp} 位色深`);
  const bitfields = compression === BI_BITFIELDS && (bpp === 16 || bpp === 32);
  if (compression !== BI_RGB && !bitfields) fail('不支持压缩的 BMP');

  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > buf.length) fail('像素数据不完整');

  let palette: Buffer | null = null;
  if (bpp <= 8) {
    const entries = colorsUsed || 1 << bpp;
    const start = 14 + headerSize;
    if (entries > 1 << bpp || start + entries * 4 > dataOffset) fail('调色板无效');
    palette = buf.subarray(start, start + entries * 4);
  }
  let masks: [Channel, Channel, Channel] | null = null;
  if (bpp === 16 || bpp === 32) {
    if (bitfields) {
      if (54 + 12 > buf.length) fail('缺少位域');
      masks = [channel(buf.readUInt32LE(54)), channel(buf.readUInt32LE(58)), channel(buf.readUInt32LE(62))];
    } else {
      masks = bpp === 16 ? [channel(0x7c00), channel(0x03e0), channel(0x001f)] : [channel(0xff0000), channel(0xff00), channel(0xff)];
    }
  }

  // One loop per pixel layout, chosen once: a branch per pixel doubles the decode time.
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + stride * (topDown ? y : height - 1 - y);
    let o = y * width * 3;
    if (palette) {
      const mask = (1 << bpp) - 1;
      for (let x = 0, bit = 0; x < width; x++, bit += bpp, o += 3) {
        const p = ((buf[row + (bit >> 3)] >> (8 - bpp - (bit & 7))) & mask) * 4;
        if (p + 2 >= palette.length) fail('调色板索引越界');
        out[o] = palette[p + 2];
        out[o + 1] = palette[p + 1];
        out[o + 2] = palette[p];
      }
    } else if (masks) {
      const [r, g, b] = masks;
      for (let x = 0; x < width; x++, o += 3) {
        const v = bpp === 16 ? buf.readUInt16LE(row + x * 2) : buf.readUInt32LE(row + x * 4);
        out[o] = scaled(v, r);
        out[o + 1] = scaled(v, g);
        out[o + 2] = scaled(v, b);
      }
    } else {
      for (let p = row, end = row + width * 3; p < end; p += 3, o += 3) {
        out[o] = buf[p + 2];
        out[o + 1] = buf[p + 1];
        out[o + 2] = buf[p];
      }
    }
  }
  return { width, height, data: out };
}

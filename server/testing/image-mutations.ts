import fc from 'fast-check';
import sharp from 'sharp';
import { bmp24, bmp8TopDown, noiseImage, shapesImage } from '@/server/engines/sample-images';
import { chunksOf, ihdr, pngOf, type Chunk } from './png-chunks';

// Mutated PNG, JPEG and BMP files for the decode fuzz test and its bench script: each starts
// from a real file and breaks it the ways an attacker or a broken encoder would (chunks
// duplicated, dropped or moved, wrong lengths, huge dimensions, truncation, flipped bytes).

export interface Seeds {
  png: Buffer[];
  jpeg: Buffer[];
  bmp: Buffer[];
}

/** Small real files of each format and variant (RGB, palette, grey, alpha; 24- and 8-bit). */
export async function mutationSeeds(): Promise<Seeds> {
  const shapes = sharp(await shapesImage(24, 16));
  return {
    png: [
      await shapesImage(24, 16),
      await shapes.clone().png({ palette: true }).toBuffer(),
      await shapes.clone().greyscale().png().toBuffer(),
      await shapes.clone().ensureAlpha(0.5).png().toBuffer(),
      await shapes.clone().png({ progressive: true }).toBuffer(),
    ],
    jpeg: [await shapesImage(24, 16, 'jpeg'), await noiseImage(17, 9, 40, 'jpeg')],
    bmp: [bmp24(24, 16, (x, y) => [x * 9, y * 15, 99]), bmp8TopDown(9, 5, (x, y) => (x + y) % 4)],
  };
}

export interface Mutated {
  /** What was done, for the bench's "worst case" line. */
  kind: string;
  buf: Buffer;
}

/** Sizes that cross every boundary the decoders check: 0, the analysis side, caps, 2^31, 2^32. */
const SIZE = fc.constantFrom(0, 1, 7, 512, 513, 1024, 1025, 6000, 65535, 0x7fffffff, 0x80000000, 0xffffffff);

function flipped(buf: Buffer, at: number, xor: number): Buffer {
  const copy = Buffer.from(buf);
  copy[at % copy.length] ^= xor;
  return copy;
}

function withUInt(buf: Buffer, at: number, bytes: 2 | 4, value: number, endian: 'LE' | 'BE'): Buffer {
  const copy = Buffer.from(buf);
  if (at + bytes > copy.length) return copy;
  if (bytes === 2) copy[`writeUInt16${endian}`](value & 0xffff, at);
  else copy[`writeUInt32${endian}`](value >>> 0, at);
  return copy;
}

function pngMutations(seeds: Buffer[]): fc.Arbitrary<Mutated> {
  const seed = fc.constantFrom(...seeds.map((png) => chunksOf(png)));
  const type = fc.constantFrom('IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'pHYs', 'tEXt', 'acTL', 'ABCD', 'prVt', 'a1c!');
  const data = fc.uint8Array({ maxLength: 40 }).map((d) => Buffer.from(d));
  const rechunked = (kind: string, f: (c: Chunk[]) => Chunk[]) => seed.map((c): Mutated => ({ kind: `png ${kind}`, buf: pngOf(f(c)) }));
  return fc.oneof(
    fc.tuple(seed, fc.nat(), fc.nat()).map(([c, i, j]): Mutated => {
      const copy = [...c];
      copy.splice(j % (copy.length + 1), 0, c[i % c.length]);
      return { kind: `png duplicated ${c[i % c.length][0]}`, buf: pngOf(copy) };
    }),
    fc.tuple(seed, fc.nat()).map(([c, i]): Mutated => ({ kind: `png dropped ${c[i % c.length][0]}`, buf: pngOf(c.filter((_, k) => k !== i % c.length)) })),
    fc.tuple(seed, fc.nat(), fc.nat()).map(([c, i, j]): Mutated => {
      const copy = [...c];
      [copy[i % c.length], copy[j % c.length]] = [copy[j % c.length], copy[i % c.length]];
      return { kind: 'png swapped chunks', buf: pngOf(copy) };
    }),
    fc.tuple(seed, type, data, fc.nat()).map(([c, t, d, at]): Mutated => {
      const copy = [...c];
      copy.splice(at % (copy.length + 1), 0, [t, d]);
      return { kind: `png inserted ${t}`, buf: pngOf(copy) };
    }),
    fc.tuple(SIZE, SIZE, fc.constantFrom(0, 2, 3, 4, 6, 5), fc.boolean()).chain(([w, h, colorType, second]) =>
      rechunked(`IHDR ${w}×${h}${second ? ' (second IHDR)' : ''}`, ([head, ...rest]) => (second ? [head, ['IHDR', ihdr(w, h, colorType)], ...rest] : [['IHDR', ihdr(w, h, colorType)], ...rest])),
    ),
    fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.oneof(fc.nat({ max: 100 }), fc.constant(0x7fffffff), fc.constant(0xffffffff), fc.nat())).map(
      ([png, k, length]): Mutated => {
        // overwrite one chunk's length field (the CRC then no longer matches, or the file ends)
        const starts: number[] = [];
        for (let o = 8; o + 12 <= png.length; o += 12 + png.readUInt32BE(o)) starts.push(o);
        return { kind: 'png wrong length', buf: withUInt(png, starts[k % starts.length], 4, length, 'BE') };
      },
    ),
    fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([png, n]): Mutated => ({ kind: 'png truncated', buf: png.subarray(0, n % png.length) })),
    fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([png, at, x]): Mutated => ({ kind: 'png flipped byte', buf: flipped(png, 8 + (at % (png.length - 8)), x) })),
  );
}

/** The offsets of a JPEG's markers before the scan data. */
function jpegSegments(jpeg: Buffer): { at: number; marker: number; length: number }[] {
  const out: { at: number; marker: number; length: number }[] = [];
  for (let o = 2; o + 4 <= jpeg.length && jpeg[o] === 0xff; ) {
    const marker = jpeg[o + 1];
    const length = jpeg.readUInt16BE(o + 2);
    out.push({ at: o, marker, length });
    if (marker === 0xda) break;
    o += 2 + length;
  }
  return out;
}

function jpegMutations(seeds: Buffer[]): fc.Arbitrary<Mutated> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    fc.tuple(seed, fc.nat()).map(([jpeg, n]): Mutated => ({ kind: 'jpeg truncated', buf: jpeg.subarray(0, n % jpeg.length) })),
    fc.tuple(seed, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([jpeg, at, x]): Mutated => ({ kind: 'jpeg flipped byte', buf: flipped(jpeg, 3 + (at % (jpeg.length - 3)), x) })),
    fc.tuple(seed, fc.nat(), fc.nat()).map(([jpeg, i, j]): Mutated => {
      const segs = jpegSegments(jpeg);
      const s = segs[i % segs.length];
      const at = segs[j % segs.length].at;
      const segment = jpeg.subarray(s.at, s.at + 2 + s.length);
      return { kind: `jpeg duplicated marker ${s.marker.toString(16)}`, buf: Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]) };
    }),
    fc.tuple(seed, SIZE, SIZE).map(([jpeg, w, h]): Mutated => {
      const sof = jpegSegments(jpeg).find((s) => s.marker === 0xc0 || s.marker === 0xc2)!;
      return { kind: `jpeg SOF ${h & 0xffff}×${w & 0xffff}`, buf: withUInt(withUInt(jpeg, sof.at + 5, 2, h, 'BE'), sof.at + 7, 2, w, 'BE') };
    }),
    fc.tuple(seed, fc.nat(), fc.nat({ max: 0xffff })).map(([jpeg, i, length]): Mutated => {
      const segs = jpegSegments(jpeg);
      return { kind: 'jpeg wrong segment length', buf: withUInt(jpeg, segs[i % segs.length].at + 2, 2, length, 'BE') };
    }),
  );
}

/** Header fields of a BITMAPINFOHEADER and the values worth trying in each. */
const BMP_FIELDS: [name: string, at: number, bytes: 2 | 4, values: fc.Arbitrary<number>][] = [
  ['width', 18, 4, fc.oneof(SIZE, fc.integer({ min: -5, max: 5 }))],
  ['height', 22, 4, fc.oneof(SIZE, fc.integer({ min: -70000, max: 5 }))],
  ['bpp', 28, 2, fc.constantFrom(0, 1, 2, 4, 8, 16, 24, 32, 64)],
  ['compression', 30, 4, fc.constantFrom(0, 1, 2, 3, 4, 5, 6)],
  ['data offset', 10, 4, fc.oneof(fc.nat({ max: 200 }), SIZE)],
  ['header size', 14, 4, fc.constantFrom(12, 40, 52, 56, 64, 108, 124, 0, 0xffffffff)],
  ['colours used', 46, 4, fc.oneof(fc.nat({ max: 300 }), SIZE)],
];

function bmpMutations(seeds: Buffer[]): fc.Arbitrary<Mutated> {
  const seed = fc.constantFrom(...seeds);
  const field = fc.constantFrom(...BMP_FIELDS).chain(([name, at, bytes, values]) => values.map((v) => ({ name, at, bytes, v })));
  return fc.oneof(
    fc.tuple(seed, fc.array(field, { minLength: 1, maxLength: 3 })).map(([bmp, fields]): Mutated => ({
      kind: `bmp ${fields.map((f) => `${f.name}=${f.v}`).join(' ')}`,
      buf: fields.reduce((b, f) => withUInt(b, f.at, f.bytes, f.v, 'LE'), bmp),
    })),
    fc.tuple(seed, fc.nat()).map(([bmp, n]): Mutated => ({ kind: 'bmp truncated', buf: bmp.subarray(0, n % bmp.length) })),
    fc.tuple(seed, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([bmp, at, x]): Mutated => ({ kind: 'bmp flipped byte', buf: flipped(bmp, 2 + (at % (bmp.length - 2)), x) })),
  );
}

export function mutatedImages(seeds: Seeds): fc.Arbitrary<Mutated> {
  return fc.oneof(pngMutations(seeds.png), jpegMutations(seeds.jpeg), bmpMutations(seeds.bmp));
}

import zlib from 'node:zlib';

// PNG surgery for tests and the decode fuzzer: a file as its chunks, and back with every
// CRC recomputed, so a forged file gets past the CRC check to what is under test.

export type Chunk = [type: string, data: Buffer];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a well-formed PNG, optionally without some types. */
export function chunksOf(png: Buffer, without: string[] = []): Chunk[] {
  const out: Chunk[] = [];
  for (let o = 8; o + 12 <= png.length; ) {
    const length = png.readUInt32BE(o);
    const type = png.toString('latin1', o + 4, o + 8);
    if (!without.includes(type)) out.push([type, png.subarray(o + 8, o + 8 + length)]);
    o += 12 + length;
  }
  return out;
}

export function pngOf(chunks: Chunk[]): Buffer {
  const parts = chunks.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  });
  return Buffer.concat([SIGNATURE, ...parts]);
}

/** IHDR data: 8-bit, no interlace. */
export function ihdr(width: number, height: number, colorType = 2): Buffer {
  const data = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 8, colorType, 0, 0, 0]);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  return data;
}

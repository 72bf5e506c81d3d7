import sharp, { type Sharp } from 'sharp';

// Synthetic but real images for tests, the benchmark and the durability run: each is
// encoded by a real encoder and exercises a different measurement.

export type SampleFormat = 'png' | 'jpeg';

function encode(image: Sharp, format: SampleFormat): Promise<Buffer> {
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

function raw(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** A smooth two-axis colour gradient. */
export function gradientImage(width: number, height: number, format: SampleFormat = 'png'): Promise<Buffer> {
  return encode(
    raw(width, height, (x, y) => [Math.round((255 * x) / Math.max(1, width - 1)), Math.round((255 * y) / Math.max(1, height - 1)), 128]),
    format,
  );
}

/** Grey levels only: the same gradient with R = G = B. */
export function greyImage(width: number, height: number, format: SampleFormat = 'png'): Promise<Buffer> {
  return encode(
    raw(width, height, (x, y) => {
      const v = Math.round((255 * (x + y)) / Math.max(1, width + height - 2));
      return [v, v, v];
    }),
    format,
  );
}

export function solidImage(width: number, height: number, rgb: [number, number, number] = [40, 120, 200], format: SampleFormat = 'png'): Promise<Buffer> {
  return encode(raw(width, height, () => rgb), format);
}

/** Crisp coloured shapes on a light background, with the main subject right of centre. */
export function shapesImage(width: number, height: number, format: SampleFormat = 'png'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#e8eef3"/>
    <circle cx="${width * 0.72}" cy="${height * 0.45}" r="${Math.min(width, height) * 0.22}" fill="#d9342b"/>
    <rect x="${width * 0.1}" y="${height * 0.65}" width="${width * 0.18}" height="${height * 0.2}" fill="#1f6feb"/>
    <path d="M ${width * 0.3} ${height * 0.2} L ${width * 0.45} ${height * 0.5} L ${width * 0.15} ${height * 0.5} Z" fill="#2da44e"/>
  </svg>`;
  return encode(sharp(Buffer.from(svg)), format);
}

/** Deterministic pseudo-random noise around mid grey. */
export function noiseImage(width: number, height: number, sigma = 60, format: SampleFormat = 'png'): Promise<Buffer> {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return encode(raw(width, height, () => [clampByte(128 + sigma * next()), clampByte(128 + sigma * next()), clampByte(128 + sigma * next())]), format);
}

export async function blurred(image: Buffer, sigma: number): Promise<Buffer> {
  return sharp(image).blur(sigma).png().toBuffer();
}

/** A 24-bit bottom-up BMP of the given RGB pixels (sharp cannot write BMP). */
export function bmp24(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + stride * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(stride * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const o = 54 + (height - 1 - y) * stride + x * 3;
      buf[o] = b;
      buf[o + 1] = g;
      buf[o + 2] = r;
    }
  }
  return buf;
}

/** An 8-bit palette BMP, top-down, with a 4-entry palette (red, green, blue, near black). */
export function bmp8TopDown(width: number, height: number, index: (x: number, y: number) => number): Buffer {
  const palette = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [9, 9, 9]];
  const stride = Math.ceil(width / 4) * 4;
  const offset = 54 + palette.length * 4;
  const buf = Buffer.alloc(offset + stride * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(-height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(8, 28);
  buf.writeUInt32LE(palette.length, 46);
  palette.forEach(([r, g, b], i) => buf.set([b, g, r, 0], 54 + i * 4));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) buf[offset + y * stride + x] = index(x, y);
  return buf;
}

/** Decoded pixels: 8 bits per channel, RGB or RGBA (alpha is ignored by the measures). */
export interface Raster {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

/** Rec. 601 luma of every pixel, 0–255. */
export function luminance(r: Raster): Uint8Array {
  const { data, channels } = r;
  const n = r.width * r.height;
  const out = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += channels) out[i] = (77 * data[p] + 150 * data[p + 1] + 29 * data[p + 2]) >> 8;
  return out;
}

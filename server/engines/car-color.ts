import type { Raster } from './raster';

// A vehicle's body colour measured from pixels: each pixel of the box's central part is
// named (achromatic by lightness, chromatic by hue) and the most common name wins.

export type ColourName = '白色' | '黑色' | '灰色' | '红色' | '橙色' | '黄色' | '绿色' | '青色' | '蓝色' | '紫色' | '棕色';

/** Saturation (HSV, 0–1) below which a pixel counts as white, grey or black. */
const ACHROMATIC_SATURATION = 0.35;
/** Chromatic pixels must make up this share of the sample for the car to be called coloured. */
const CHROMATIC_SHARE = 0.3;

export function pixelColourName(r: number, g: number, b: number): ColourName {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (v < 0.2) return '黑色';
  if (s < ACHROMATIC_SATURATION || max - min < 20) return v > 0.75 ? '白色' : v < 0.3 ? '黑色' : '灰色';
  let h: number;
  if (max === r) h = ((g - b) / (max - min) + 6) % 6;
  else if (max === g) h = (b - r) / (max - min) + 2;
  else h = (r - g) / (max - min) + 4;
  h *= 60;
  if (h < 15 || h >= 330) return '红色';
  if (h < 40) return v < 0.6 ? '棕色' : '橙色';
  if (h < 70) return '黄色';
  if (h < 160) return '绿色';
  if (h < 200) return '青色';
  if (h < 260) return '蓝色';
  return '紫色';
}

/** Box in the raster's own pixels. */
export interface RasterBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The dominant colour name of the central 60 % × 60 % of the box (windows, wheels and the
 * background at the box's edges weigh less there). null when the box holds no pixels.
 */
export function dominantColour(r: Raster, box: RasterBox): ColourName | null {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const x0 = Math.max(0, Math.floor(box.x1 + 0.2 * w));
  const x1 = Math.min(r.width, Math.ceil(box.x2 - 0.2 * w));
  const y0 = Math.max(0, Math.floor(box.y1 + 0.2 * h));
  const y1 = Math.min(r.height, Math.ceil(box.y2 - 0.2 * h));
  const counts = new Map<ColourName, number>();
  let total = 0;
  let chromatic = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = (y * r.width + x) * r.channels;
      const name = pixelColourName(r.data[p], r.data[p + 1], r.data[p + 2]);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      total++;
      if (name !== '白色' && name !== '黑色' && name !== '灰色') chromatic++;
    }
  }
  if (total === 0) return null;
  const useChromatic = chromatic / total >= CHROMATIC_SHARE;
  let best: ColourName | null = null;
  let bestCount = -1;
  for (const [name, count] of counts) {
    const isChromatic = name !== '白色' && name !== '黑色' && name !== '灰色';
    if (isChromatic === useChromatic && count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

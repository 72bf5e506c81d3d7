import type { Raster } from './raster';

// Plain measurements on decoded pixels. docs/engines.md explains how the scores use them.

export interface ColourStats {
  meanLuma: number;
  stdLuma: number;
  /** Share of pixels at the ends of the luma range (lost shadow or highlight detail). */
  clipped: number;
  /** Mean HSV saturation, 0–1. */
  meanSaturation: number;
  /** Largest max(R,G,B) − min(R,G,B) of any pixel: 0 for a perfectly grey image. */
  maxChroma: number;
  /** Share of pixels in the two most common colours (16 levels per channel). */
  topTwoColourShare: number;
}

export function colourStats(r: Raster, luma: Uint8Array): ColourStats {
  const { data, channels } = r;
  const n = luma.length;
  const bins = new Uint32Array(4096);
  let sum = 0;
  let sumSq = 0;
  let clipped = 0;
  let saturation = 0;
  let maxChroma = 0;
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    const red = data[p];
    const green = data[p + 1];
    const blue = data[p + 2];
    const y = luma[i];
    sum += y;
    sumSq += y * y;
    if (y <= 3 || y >= 252) clipped++;
    const max = red > green ? (red > blue ? red : blue) : green > blue ? green : blue;
    const min = red < green ? (red < blue ? red : blue) : green < blue ? green : blue;
    if (max > 0) saturation += (max - min) / max;
    if (max - min > maxChroma) maxChroma = max - min;
    bins[((red >> 4) << 8) | ((green >> 4) << 4) | (blue >> 4)]++;
  }
  let first = 0;
  let second = 0;
  for (const count of bins) {
    if (count > first) [first, second] = [count, first];
    else if (count > second) second = count;
  }
  const mean = sum / n;
  return {
    meanLuma: mean,
    stdLuma: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    clipped: clipped / n,
    meanSaturation: saturation / n,
    maxChroma,
    topTwoColourShare: (first + second) / n,
  };
}

/**
 * How abrupt the image's edges are: mean |Laplacian| over mean |gradient| at pixels with a
 * clear gradient. A step edge scores about 1, an edge blurred over w pixels about 1/w, and
 * the ratio does not grow with the number of edges, only with their crispness. 0 when the
 * image has no edges at all.
 */
export function edgeSharpness(luma: Uint8Array, width: number, height: number): number {
  let gradient = 0;
  let laplacian = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      const g = Math.abs(luma[i + 1] - luma[i - 1]) + Math.abs(luma[i + width] - luma[i - width]);
      if (g < 16) continue;
      gradient += g;
      laplacian += Math.abs(luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4 * luma[i]);
    }
  }
  return gradient === 0 ? 0 : laplacian / gradient;
}

/**
 * Noise standard deviation by Immerkær's method (1996), taken over the flatter half of the
 * image (Sobel magnitude at or below its median) so that edges do not read as noise.
 */
export function noiseSigma(luma: Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  const inner = (width - 2) * (height - 2);
  const gradient = new Uint16Array(inner);
  const response = new Uint16Array(inner);
  const histogram = new Uint32Array(2048);
  for (let y = 1, k = 0; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++, k++) {
      const nw = luma[i - width - 1], n = luma[i - width], ne = luma[i - width + 1];
      const w = luma[i - 1], c = luma[i], e = luma[i + 1];
      const sw = luma[i + width - 1], s = luma[i + width], se = luma[i + width + 1];
      const gx = ne + 2 * e + se - nw - 2 * w - sw;
      const gy = sw + 2 * s + se - nw - 2 * n - ne;
      const g = Math.min(2047, (Math.abs(gx) + Math.abs(gy)) >> 1);
      gradient[k] = g;
      histogram[g]++;
      response[k] = Math.abs(nw - 2 * n + ne - 2 * w + 4 * c - 2 * e + sw - 2 * s + se);
    }
  }
  let median = 0;
  for (let seen = 0; median < 2047 && (seen += histogram[median]) < inner / 2; median++);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < inner; k++) {
    if (gradient[k] > median) continue;
    sum += response[k];
    count++;
  }
  return count === 0 ? 0 : (Math.sqrt(Math.PI / 2) * sum) / (6 * count);
}

/**
 * How well the image's visual weight sits on a rule-of-thirds point or the centre, 0–1.
 * Visual weight is the gradient energy; its centroid is compared with those five points.
 */
export function compositionScore(luma: Uint8Array, width: number, height: number): number {
  let weight = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0, i = y * width; x < width - 1; x++, i++) {
      const w = Math.abs(luma[i + 1] - luma[i]) + Math.abs(luma[i + width] - luma[i]);
      weight += w;
      cx += w * x;
      cy += w * y;
    }
  }
  if (weight === 0) return 0;
  const fx = cx / weight / Math.max(1, width - 1);
  const fy = cy / weight / Math.max(1, height - 1);
  const anchors: readonly [number, number][] = [[1 / 3, 1 / 3], [2 / 3, 1 / 3], [1 / 3, 2 / 3], [2 / 3, 2 / 3], [0.5, 0.5]];
  const nearest = Math.min(...anchors.map(([ax, ay]) => Math.hypot(fx - ax, fy - ay)));
  // 0.47 is the distance from the centre to a corner: the farthest a centroid can sit.
  return Math.max(0, 1 - nearest / 0.47);
}

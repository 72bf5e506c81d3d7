import sharp from 'sharp';
import type { DecodedImage } from './decode';
import { decoding } from './errors';
import { colourStats } from './measures';
import { luminance, type Raster } from './raster';

// CropImage (2019-05-29): the largest box of the requested aspect ratio, placed by libvips'
// attention strategy (luminance frequency, colour saturation and skin tones) on the
// analysis-size image and scaled back to the original's pixels.

export interface CropResult {
  X: number;
  Y: number;
  Width: number;
  Height: number;
  OriginalWidth: number;
  OriginalHeight: number;
  CropResult: number;
}

/** The API's CropResult codes this engine can tell (3 and 4 need a subject detector). */
export const CROP_RESULT = { OK: 0, ORIGINAL_TOO_TALL: 1, ORIGINAL_TOO_WIDE: 2, PLAIN_REGION: 5, RATIO_OUT_OF_RANGE: 6 } as const;

/** Largest box with ratio ratioW : ratioH that fits in width × height. */
export function largestBox(width: number, height: number, ratioW: number, ratioH: number): { width: number; height: number } {
  if (ratioW * height >= ratioH * width) return { width, height: Math.max(1, Math.min(height, Math.round((width * ratioH) / ratioW))) };
  return { width: Math.max(1, Math.min(width, Math.round((height * ratioW) / ratioH))), height };
}

function regionOf(r: Raster, x: number, y: number, w: number, h: number): Raster {
  const data = new Uint8Array(w * h * r.channels);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * r.width + x) * r.channels;
    data.set(r.data.subarray(from, from + w * r.channels), row * w * r.channels);
  }
  return { width: w, height: h, channels: r.channels, data };
}

function cropResultCode(image: DecodedImage, ratio: number, region: Raster): number {
  if (image.height >= 1.8 * image.width) return CROP_RESULT.ORIGINAL_TOO_TALL;
  if (image.width >= 1.8 * image.height) return CROP_RESULT.ORIGINAL_TOO_WIDE;
  if (ratio < 1 || ratio > 2.5) return CROP_RESULT.RATIO_OUT_OF_RANGE;
  const stats = colourStats(region, luminance(region));
  return stats.stdLuma < 4 && stats.topTwoColourShare >= 0.95 ? CROP_RESULT.PLAIN_REGION : CROP_RESULT.OK;
}

export async function cropImage(image: DecodedImage, ratioW: number, ratioH: number): Promise<CropResult> {
  const { analysis } = image;
  const box = largestBox(image.width, image.height, ratioW, ratioH);
  const small = largestBox(analysis.width, analysis.height, ratioW, ratioH);
  const { info } = await decoding(
    sharp(Buffer.from(analysis.data.buffer, analysis.data.byteOffset, analysis.data.byteLength), {
      raw: { width: analysis.width, height: analysis.height, channels: analysis.channels },
    })
      .resize(small.width, small.height, { fit: 'cover', position: sharp.strategy.attention })
      .toBuffer({ resolveWithObject: true }),
  );
  // sharp reports where the crop started as a negative offset; none when nothing was cut.
  const smallX = -(info.cropOffsetLeft ?? 0);
  const smallY = -(info.cropOffsetTop ?? 0);
  const scale = image.width / analysis.width;
  const X = Math.min(image.width - box.width, Math.max(0, Math.round(smallX * scale)));
  const Y = Math.min(image.height - box.height, Math.max(0, Math.round(smallY * scale)));
  const region = regionOf(analysis, smallX, smallY, small.width, small.height);
  return {
    X,
    Y,
    Width: box.width,
    Height: box.height,
    OriginalWidth: image.width,
    OriginalHeight: image.height,
    CropResult: cropResultCode(image, ratioW / ratioH, region),
  };
}

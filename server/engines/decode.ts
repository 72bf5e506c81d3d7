import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { decodeBmp } from './bmp';
import { decoding, ImageDecodeError } from './errors';
import { sniffImageFormat, type ImageFormat } from './image-format';
import { decodeSimplePng } from './png';
import type { Raster } from './raster';

/** Larger images are refused: a 4 MB file can otherwise inflate to gigabytes of pixels. */
export const MAX_INPUT_PIXELS = 40_000_000;
/**
 * BMP is decoded in JavaScript on the event loop (libvips has no BMP loader here), at about
 * 3–4 ns a pixel when a core is free: a megapixel takes a few milliseconds, the 40 M pixels
 * sharp accepts would hold every other request for hundreds of milliseconds.
 * Every 24-bit BMP under the 3 MB image cap fits; larger ones must come as PNG or JPEG.
 */
export const MAX_BMP_PIXELS = 1024 * 1024;
/** Measurements run on the image scaled to fit this square (never enlarged). */
export const ANALYSIS_SIDE = 512;

// Every request brings a different image, so libvips' operation cache only costs memory.
sharp.cache(false);

export interface DecodedImage {
  format: ImageFormat;
  /** Size as displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** Every pixel has been decoded once to make this: a corrupt file never gets this far. */
  analysis: Raster;
  /** A fresh sharp pipeline on the full-size, upright image. */
  pipeline(): Sharp;
}

const SHARP_INPUT: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' };

async function analysisRaster(image: Sharp): Promise<Raster> {
  const { data, info } = await decoding(
    image
      .resize(ANALYSIS_SIDE, ANALYSIS_SIDE, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  return { width: info.width, height: info.height, channels: 3, data };
}

function fitsAnalysis(width: number, height: number): boolean {
  return width <= ANALYSIS_SIDE && height <= ANALYSIS_SIDE;
}

async function decodeBitmap(buf: Buffer): Promise<DecodedImage> {
  const bmp = decodeBmp(buf, MAX_BMP_PIXELS);
  const pipeline = () => sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: 3 } });
  const analysis: Raster = fitsAnalysis(bmp.width, bmp.height)
    ? { width: bmp.width, height: bmp.height, channels: 3, data: bmp.data }
    : await analysisRaster(pipeline());
  return { format: 'bmp', width: bmp.width, height: bmp.height, analysis, pipeline };
}

/**
 * Small PNGs, the common API payload, are decoded in-process: for a few thousand pixels a
 * libvips pipeline costs far more in set-up and thread hand-off than the decode itself.
 * null when the file is larger than the analysis size or a variant only sharp reads.
 */
function decodeSmallPng(buf: Buffer): DecodedImage | null {
  const analysis = decodeSimplePng(buf, ANALYSIS_SIDE);
  // A method, not an arrow property: tsx's keepNames would wrap an arrow in an
  // Object.defineProperty call on every decode (as server/gateway/http-server.ts says).
  return (
    analysis && {
      format: 'png',
      width: analysis.width,
      height: analysis.height,
      analysis,
      pipeline() {
        return sharp(buf, SHARP_INPUT);
      },
    }
  );
}

async function decodeWithSharp(buf: Buffer, format: ImageFormat): Promise<DecodedImage> {
  const meta = await decoding(sharp(buf, SHARP_INPUT).metadata());
  if (!meta.width || !meta.height) throw new ImageDecodeError();
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageDecodeError(`图片像素超过 ${MAX_INPUT_PIXELS} 上限`, 'pixels');
  // EXIF orientations 5–8 are rotated by 90°: the upright image has width and height swapped.
  const swapped = (meta.orientation ?? 1) >= 5;
  const pipeline = () => sharp(buf, SHARP_INPUT).rotate();
  return {
    format,
    width: swapped ? meta.height : meta.width,
    height: swapped ? meta.width : meta.height,
    analysis: await analysisRaster(pipeline()),
    pipeline,
  };
}

/** Decodes a PNG, JPEG or BMP told by its magic bytes; throws ImageDecodeError otherwise. */
export async function decodeImage(buf: Buffer): Promise<DecodedImage> {
  const format = sniffImageFormat(buf);
  if (!format) throw new ImageDecodeError('图片格式不支持，仅支持 PNG、JPG、JPEG、BMP', 'format');
  if (format === 'bmp') return decodeBitmap(buf);
  return (format === 'png' ? decodeSmallPng(buf) : null) ?? decodeWithSharp(buf, format);
}

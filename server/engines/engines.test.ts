import sharp from 'sharp';
import { chunksOf, ihdr, pngOf } from '@/server/testing/png-chunks';
import { describe, expect, it } from 'vitest';
import { assessQuality } from './assess-quality';
import { cropImage, largestBox } from './crop-image';
import { decodeImage } from './decode';
import { ImageDecodeError } from './errors';
import { enhanceImage } from './enhance-image';
import { colourStats, edgeSharpness, noiseSigma } from './measures';
import { luminance } from './raster';
import { blurred, bmp24, gradientImage, greyImage, noiseImage, shapesImage, solidImage } from './sample-images';

async function measure(buf: Buffer) {
  const { analysis } = await decodeImage(buf);
  const luma = luminance(analysis);
  return { edges: edgeSharpness(luma, analysis.width, analysis.height), noise: noiseSigma(luma, analysis.width, analysis.height), stats: colourStats(analysis, luma) };
}

describe('decodeImage', () => {
  it('decodes PNG (small and large), JPEG and BMP to upright sizes', async () => {
    expect(await decodeImage(await shapesImage(64, 48))).toMatchObject({ format: 'png', width: 64, height: 48 });
    const large = await decodeImage(await shapesImage(1400, 700));
    expect(large).toMatchObject({ format: 'png', width: 1400, height: 700 });
    expect([large.analysis.width, large.analysis.height]).toEqual([512, 256]);
    expect(await decodeImage(await shapesImage(300, 200, 'jpeg'))).toMatchObject({ format: 'jpeg', width: 300, height: 200 });
    expect(await decodeImage(bmp24(30, 20, () => [1, 2, 3]))).toMatchObject({ format: 'bmp', width: 30, height: 20 });
  });

  it('applies the EXIF orientation to the reported size', async () => {
    const rotated = await sharp(await shapesImage(300, 200)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await decodeImage(rotated)).toMatchObject({ width: 200, height: 300 });
  });

  it('refuses what it cannot decode', async () => {
    await expect(decodeImage(Buffer.from('GIF89a...'))).rejects.toThrow('图片格式不支持');
    const png = await shapesImage(600, 600);
    await expect(decodeImage(png.subarray(0, png.length - 100))).rejects.toThrow('图片解码失败');
    const jpeg = await shapesImage(600, 600, 'jpeg');
    await expect(decodeImage(jpeg.subarray(0, 300))).rejects.toThrow('图片解码失败');
  });

  it('refuses a PNG whose first IHDR says 1×1 and a second 6000×6000, at the second', async () => {
    // issue 9's stall came with ~155 KB of IDAT inflating to 6000×6000; it is never read now
    const [head, ...rest] = chunksOf(await shapesImage(1, 1));
    const forged = pngOf([head, ['IHDR', ihdr(6000, 6000)], ...rest]);
    await expect(decodeImage(forged)).rejects.toThrow(new ImageDecodeError('PNG 图片解码失败：IHDR 重复'));
  });

  it('refuses BMPs over the BMP pixel cap (as too many pixels: ImageResolutionExceed), decodes one at it', async () => {
    await expect(decodeImage(bmp24(1025, 1024, () => [1, 2, 3]))).rejects.toThrow(expect.objectContaining({ message: '图片像素超过 1048576 上限', failure: 'pixels' }));
    expect(await decodeImage(bmp24(1024, 1024, () => [1, 2, 3]))).toMatchObject({ format: 'bmp', width: 1024, height: 1024 });
  });
});

describe('measures', () => {
  it('edge sharpness falls as blur grows; noise shows as noise', async () => {
    const crisp = await shapesImage(400, 300);
    const [a, b, c] = await Promise.all([measure(crisp), measure(await blurred(crisp, 2)), measure(await blurred(crisp, 6))]);
    expect(a.edges).toBeGreaterThan(b.edges);
    expect(b.edges).toBeGreaterThan(c.edges);
    expect(a.noise).toBeLessThan(1);
    expect((await measure(await noiseImage(300, 200, 40))).noise).toBeGreaterThan(10);
  });

  it('tells grey from colour and plain from busy', async () => {
    expect((await measure(await greyImage(200, 200))).stats.maxChroma).toBe(0);
    expect((await measure(await gradientImage(200, 200))).stats.maxChroma).toBeGreaterThan(100);
    expect((await measure(await solidImage(200, 200))).stats.topTwoColourShare).toBe(1);
  });
});

describe('assessQuality', () => {
  it('follows the API definitions of long, small and big images', async () => {
    const q = async (buf: Buffer) => assessQuality(await decodeImage(buf));
    expect(await q(await shapesImage(600, 200))).toMatchObject({ LongImage: true, SmallImage: false, BigImage: false });
    expect(await q(await shapesImage(200, 599))).toMatchObject({ LongImage: false });
    expect(await q(await shapesImage(1001, 1001, 'jpeg'))).toMatchObject({ BigImage: true });
    expect(await q(await shapesImage(1000, 1400, 'jpeg'))).toMatchObject({ BigImage: false });
    expect(await q(await shapesImage(178, 100))).toEqual({ LongImage: false, BlackAndWhite: false, SmallImage: true, BigImage: false, PureImage: false, ClarityScore: 0, AestheticScore: 0 });
    expect(await q(await shapesImage(179, 100))).toMatchObject({ SmallImage: false });
  });

  it('scores crisp above blurred and clean above noisy, within 0–100', async () => {
    const q = async (buf: Buffer) => assessQuality(await decodeImage(buf));
    const crisp = await q(await shapesImage(640, 480));
    const soft = await q(await blurred(await shapesImage(640, 480), 5));
    const noisy = await q(await noiseImage(640, 480, 60));
    expect(crisp.ClarityScore).toBeGreaterThan(60);
    expect(soft.ClarityScore).toBeLessThan(30);
    expect(noisy.ClarityScore).toBeLessThan(crisp.ClarityScore);
    for (const r of [crisp, soft, noisy]) {
      expect(r.AestheticScore).toBeGreaterThanOrEqual(0);
      expect(r.AestheticScore).toBeLessThanOrEqual(100);
    }
    expect(await q(await solidImage(300, 300))).toMatchObject({ PureImage: true, ClarityScore: 0, AestheticScore: 0 });
  });

  it('scores an RGBA PNG (kept as four channels) exactly as the same picture without alpha', async () => {
    const rgb = await noiseImage(300, 200, 30);
    const rgba = await sharp(rgb).ensureAlpha(0.5).png().toBuffer();
    const [withAlpha, without] = await Promise.all([decodeImage(rgba), decodeImage(rgb)]);
    expect([withAlpha.analysis.channels, without.analysis.channels]).toEqual([4, 3]);
    expect(assessQuality(withAlpha)).toEqual(assessQuality(without));
    expect(assessQuality(withAlpha)).toMatchObject({ SmallImage: false, PureImage: false });
  });
});

describe('cropImage', () => {
  it('computes the largest box of a ratio', () => {
    expect(largestBox(640, 480, 1, 1)).toEqual({ width: 480, height: 480 });
    expect(largestBox(640, 480, 16, 9)).toEqual({ width: 640, height: 360 });
    expect(largestBox(640, 480, 1, 3)).toEqual({ width: 160, height: 480 });
  });

  it('keeps the subject in the crop and reports the API result codes', async () => {
    const image = await decodeImage(await shapesImage(800, 400));
    const crop = await cropImage(image, 1, 1);
    expect(crop).toMatchObject({ Width: 400, Height: 400, Y: 0, OriginalWidth: 800, OriginalHeight: 400, CropResult: 2 });
    // red disc centred at x = 576 with radius 88
    expect(crop.X).toBeLessThanOrEqual(576 - 88);
    expect(crop.X + crop.Width).toBeGreaterThanOrEqual(576 + 88);
    expect((await cropImage(await decodeImage(await shapesImage(500, 400)), 3, 1)).CropResult).toBe(6);
    expect((await cropImage(await decodeImage(await solidImage(500, 400)), 1, 1)).CropResult).toBe(5);
  });
});

describe('enhanceImage', () => {
  it('keeps size and format and raises the contrast of a flat, noisy picture', async () => {
    const flat = await sharp(await noiseImage(240, 160, 20)).linear(0.3, 90).png().toBuffer();
    const out = Buffer.from((await enhanceImage(await decodeImage(flat))).EnhancedImage, 'base64');
    expect(await sharp(out).metadata()).toMatchObject({ format: 'png', width: 240, height: 160 });
    const [before, after] = await Promise.all([measure(flat), measure(out)]);
    expect(after.stats.stdLuma).toBeGreaterThan(before.stats.stdLuma * 1.5);
    const jpeg = Buffer.from((await enhanceImage(await decodeImage(await shapesImage(200, 100, 'jpeg')))).EnhancedImage, 'base64');
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
  });
});

import type { DecodedImage } from './decode';
import { decoding } from './errors';

// EnhanceImage (2019-05-29): a 3×3 median removes salt-and-pepper and sensor noise, a
// histogram stretch (1st–99th percentile) restores contrast, and an unsharp mask on the
// lightness channel recovers edges the median softened. JPEG in → JPEG out, else PNG.

export interface EnhanceResult {
  EnhancedImage: string;
}

export async function enhanceImage(image: DecodedImage): Promise<EnhanceResult> {
  const pipeline = image.pipeline().median(3).normalise({ lower: 1, upper: 99 }).sharpen({ sigma: 1 });
  const encoded = image.format === 'jpeg' ? pipeline.jpeg({ quality: 92, mozjpeg: false }) : pipeline.png({ compressionLevel: 6 });
  const out = await decoding(encoded.toBuffer());
  return { EnhancedImage: out.toString('base64') };
}

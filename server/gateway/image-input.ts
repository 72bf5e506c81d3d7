import type { ImageFetcher } from './fetch-image';
import { apiError } from './messages';

/** ImageBase64 may be at most 4 MB of base64 text; a fetched image the bytes that makes. */
export const MAX_BASE64_CHARS = 4 * 1024 * 1024;
export const MAX_IMAGE_BYTES = (MAX_BASE64_CHARS / 4) * 3;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer {
  if (text.length > MAX_BASE64_CHARS) throw apiError('base64TooLarge');
  const bytes = Buffer.from(text, 'base64');
  // Buffer.from skips characters it does not know; the API must not guess at a broken image.
  // Text that encodes back to itself is padded base64 of the standard alphabet, as every SDK
  // sends it, and needs no other look (about half the pattern's cost on a small image:
  // bench/api/README.md, eighteenth round); the rest (unpadded, say) is held to the pattern.
  if (bytes.toString('base64') !== text && (text.length % 4 === 1 || !BASE64.test(text))) throw apiError('badBase64');
  return bytes;
}

/** The image bytes of a request: ImageUrl when given (it wins, as in the original API), else ImageBase64. */
export async function readImageParam(params: Record<string, unknown>, fetchImage: ImageFetcher): Promise<Buffer> {
  const { ImageUrl: url, ImageBase64: base64 } = params;
  if (url !== undefined && url !== null && url !== '') {
    if (typeof url !== 'string') throw apiError('notString', { name: 'ImageUrl' });
    return fetchImage(url);
  }
  if (base64 === undefined || base64 === null || base64 === '') throw apiError('missingImage');
  if (typeof base64 !== 'string') throw apiError('notString', { name: 'ImageBase64' });
  return decodeBase64(base64);
}

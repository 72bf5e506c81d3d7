import { ApiError } from './envelope';
import type { ImageFetcher } from './fetch-image';

/** ImageBase64 may be at most 4 MB of base64 text; a fetched image the bytes that makes. */
export const MAX_BASE64_CHARS = 4 * 1024 * 1024;
export const MAX_IMAGE_BYTES = (MAX_BASE64_CHARS / 4) * 3;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer {
  if (text.length > MAX_BASE64_CHARS) throw new ApiError('LimitExceeded.TooLargeFileError', 'ImageBase64 超过 4 MB 上限');
  // Buffer.from skips characters it does not know; the API must not guess at a broken image.
  if (text.length === 0 || text.length % 4 === 1 || !BASE64.test(text)) {
    throw new ApiError('InvalidParameterValue', 'ImageBase64 不是有效的 Base64 编码（不要带 data:image/...;base64, 头部）');
  }
  return Buffer.from(text, 'base64');
}

/** The image bytes of a request: ImageUrl when given (it wins, as in the original API), else ImageBase64. */
export async function readImageParam(params: Record<string, unknown>, fetchImage: ImageFetcher): Promise<Buffer> {
  const { ImageUrl: url, ImageBase64: base64 } = params;
  if (url !== undefined && url !== null && url !== '') {
    if (typeof url !== 'string') throw new ApiError('InvalidParameterValue', 'ImageUrl 必须是字符串');
    return fetchImage(url);
  }
  if (base64 === undefined || base64 === null || base64 === '') throw new ApiError('MissingParameter', '缺少参数 ImageUrl 或 ImageBase64');
  if (typeof base64 !== 'string') throw new ApiError('InvalidParameterValue', 'ImageBase64 必须是字符串');
  return decodeBase64(base64);
}

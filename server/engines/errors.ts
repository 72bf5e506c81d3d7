/** The image could not be decoded: corrupt, truncated, unsupported variant or too many pixels. */
export class ImageDecodeError extends Error {
  constructor(message = '图片解码失败') {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

/** Awaits an image-library call, reporting any failure of it as undecodable input. */
export async function decoding<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof ImageDecodeError ? err : new ImageDecodeError(`图片解码失败：${(err as Error).message}`);
  }
}

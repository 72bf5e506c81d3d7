/**
 * Why an image could not be used: corrupt or truncated data, a format the API does not
 * take, or more pixels than it decodes. The gateway gives each its documented code.
 */
export type ImageDecodeFailure = 'corrupt' | 'format' | 'pixels';

export class ImageDecodeError extends Error {
  constructor(
    message = '图片解码失败',
    readonly failure: ImageDecodeFailure = 'corrupt',
  ) {
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

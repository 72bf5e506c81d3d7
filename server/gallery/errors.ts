/** A gallery change the operator can correct; `message` is Chinese and shown as is. */
export type GalleryErrorCode = 'NotFound' | 'BadPhoto' | 'NoFace' | 'SeveralFaces';

export class GalleryError extends Error {
  constructor(
    readonly code: GalleryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GalleryError';
  }
}

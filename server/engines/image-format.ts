export type ImageFormat = 'png' | 'jpeg' | 'bmp';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format told by the file's magic bytes, whatever the caller claims; null if not accepted. */
export function sniffImageFormat(buf: Uint8Array): ImageFormat | null {
  if (buf.length >= 8 && PNG_MAGIC.equals(buf.subarray(0, 8))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 26 && buf[0] === 0x42 && buf[1] === 0x4d) return 'bmp';
  return null;
}

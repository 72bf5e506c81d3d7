import { MAX_PHOTO_BYTES } from '@/lib/gallery';

/** A chosen photo as the Base64 the tRPC call takes, or the Chinese reason it cannot be sent. */
export async function photoBase64(file: File): Promise<{ base64: string } | { error: string }> {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png') return { error: '请选择 JPEG 或 PNG 照片' };
  if (file.size > MAX_PHOTO_BYTES) return { error: '照片不能超过 4 MB' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) would overflow the call stack on a 4 MB photo.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { base64: btoa(binary) };
}

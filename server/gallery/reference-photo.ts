import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { personFaces } from '@/db/schema';
import { MAX_PHOTO_BYTES } from '@/lib/gallery';
import { decodeImage } from '@/server/engines/decode';
import { ImageDecodeError } from '@/server/engines/errors';
import { sniffImageFormat } from '@/server/engines/image-format';
import { detectFaces } from '@/server/engines/models/faces';
import { GalleryError } from './errors';
import { bumpGalleryVersion, findPerson } from './persons';

/**
 * Enrols one reference photo: its single face's descriptor is stored (not the photo). A
 * photo with no face or several is refused — with several, which one is the person would
 * be a guess.
 */
export async function addReferencePhoto(db: Db, input: { personId: number; photo: Buffer; now: number }): Promise<{ id: number }> {
  if (!(await findPerson(db, input.personId))) throw new GalleryError('NotFound', '人物不存在');
  if (input.photo.length > MAX_PHOTO_BYTES) throw new GalleryError('BadPhoto', '照片不能超过 4 MB');
  const format = sniffImageFormat(input.photo);
  if (format !== 'jpeg' && format !== 'png') throw new GalleryError('BadPhoto', '请上传 JPEG 或 PNG 照片');
  let faces;
  try {
    faces = await detectFaces(await decodeImage(input.photo));
  } catch (err) {
    if (err instanceof ImageDecodeError) throw new GalleryError('BadPhoto', '照片无法解码，请换一张 JPEG 或 PNG 照片');
    throw err;
  }
  if (faces.length === 0) throw new GalleryError('NoFace', '照片中没有检测到人脸，请换一张正脸清晰的照片');
  if (faces.length > 1) throw new GalleryError('SeveralFaces', `照片中有 ${faces.length} 张人脸，请上传只有此人一张人脸的照片`);
  // Checked again: the person may have been removed while the models ran.
  return transaction(db, async (tx) => {
    if (!(await findPerson(tx, input.personId))) throw new GalleryError('NotFound', '人物不存在');
    const [row] = await tx
      .insert(personFaces)
      .values({ personId: input.personId, descriptor: JSON.stringify(faces[0].descriptor), createdAt: input.now })
      .returning({ id: personFaces.id });
    await bumpGalleryVersion(tx);
    return row;
  });
}

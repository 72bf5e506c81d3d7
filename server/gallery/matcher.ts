import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { personFaces, persons } from '@/db/schema';
import type { GalleryFace } from '@/server/engines/detect-celebrity';
import { parseLabels, readGalleryVersion } from './persons';

/** Every reference face of both galleries, with its person's fields. */
export function loadGalleryFaces(db: DB): GalleryFace[] {
  return db
    .select({ personId: persons.id, kind: persons.kind, name: persons.name, labels: persons.labels, basicInfo: persons.basicInfo, descriptor: personFaces.descriptor })
    .from(personFaces)
    .innerJoin(persons, eq(persons.id, personFaces.personId))
    .all()
    .map((r) => ({ ...r, labels: parseLabels(r.labels), descriptor: JSON.parse(r.descriptor) as number[] }));
}

/** Gives the current gallery faces to the engines. */
export type GalleryProvider = () => readonly GalleryFace[];

/** An operator's change reaches the API within this long. */
export const GALLERY_CHECK_MS = 1_000;

/**
 * The API process's gallery: kept in memory (parsing 1024-number descriptors per request
 * would cost more than matching them) and reloaded when gallery_version moved, which is
 * looked at no more than once per GALLERY_CHECK_MS.
 */
export function cachedGallery(db: DB, { now = Date.now, checkEveryMs = GALLERY_CHECK_MS } = {}): GalleryProvider {
  let faces: readonly GalleryFace[] = [];
  let version = -1;
  let checkedAt = -Infinity;
  return () => {
    const t = now();
    if (t - checkedAt < checkEveryMs) return faces;
    checkedAt = t;
    const current = readGalleryVersion(db);
    if (current !== version) {
      faces = loadGalleryFaces(db);
      version = current;
    }
    return faces;
  };
}

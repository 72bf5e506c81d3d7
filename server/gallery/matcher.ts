import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { personFaces, persons } from '@/db/schema';
import type { GalleryFace } from '@/server/engines/detect-celebrity';
import { parseLabels, readGalleryVersion } from './persons';

/** Every reference face of both galleries, with its person's fields. */
export async function loadGalleryFaces(db: Db): Promise<GalleryFace[]> {
  const rows = await db
    .select({ personId: persons.id, kind: persons.kind, name: persons.name, labels: persons.labels, basicInfo: persons.basicInfo, descriptor: personFaces.descriptor })
    .from(personFaces)
    .innerJoin(persons, eq(persons.id, personFaces.personId))
    .orderBy(personFaces.id);
  return rows.map((r) => ({ ...r, labels: parseLabels(r.labels), descriptor: JSON.parse(r.descriptor) as number[] }));
}

/** Gives the current gallery faces to the engines. */
export type GalleryProvider = () => readonly GalleryFace[];

/** An operator's change reaches the API within this long (the gateway refreshes twice as often). */
export const GALLERY_CHECK_MS = 1_000;

export interface RefreshingGallery {
  faces: GalleryProvider;
  /** Reloads the faces if gallery_version moved since the last look. */
  refresh(): Promise<void>;
}

/**
 * The API process's gallery: kept in memory (parsing 1024-number descriptors per request
 * would cost more than matching them), loaded once here and reloaded by `refresh` only when
 * gallery_version moved, so a request never waits on the database for it.
 */
export async function refreshingGallery(db: Db): Promise<RefreshingGallery> {
  let faces: readonly GalleryFace[] = [];
  let version = -1;
  const refresh = async () => {
    const current = await readGalleryVersion(db);
    if (current === version) return;
    faces = await loadGalleryFaces(db);
    version = current;
  };
  await refresh();
  return { faces: () => faces, refresh };
}

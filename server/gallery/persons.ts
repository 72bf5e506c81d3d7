import { count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { galleryVersion, personFaces, persons } from '@/db/schema';
import type { PersonKind } from '@/server/engines/detect-celebrity';
import { GalleryError } from './errors';

// The 人物库 rows. Every change bumps gallery_version in the same transaction, which is how
// the API process's matcher (matcher.ts) learns that it must reload.

export interface PersonInput {
  kind: PersonKind;
  name: string;
  labels: string[];
  basicInfo: string;
}

export interface PersonRow extends PersonInput {
  id: number;
  photos: number;
  createdAt: number;
}

/** Call inside the transaction that changed the gallery. */
export async function bumpGalleryVersion(tx: Db): Promise<void> {
  await tx
    .insert(galleryVersion)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: galleryVersion.id, set: { version: sql`${galleryVersion.version} + 1` } });
}

export async function readGalleryVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: galleryVersion.version }).from(galleryVersion).where(eq(galleryVersion.id, 1)).limit(1);
  return row?.version ?? 0;
}

export async function addPerson(db: Db, input: PersonInput & { now: number }): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(persons)
      .values({ kind: input.kind, name: input.name, labels: JSON.stringify(input.labels), basicInfo: input.basicInfo, createdAt: input.now })
      .returning({ id: persons.id });
    await bumpGalleryVersion(tx);
    return row;
  });
}

/** Removes the person and (cascade) their reference faces. */
export async function removePerson(db: Db, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    const gone = await tx.delete(persons).where(eq(persons.id, id)).returning({ id: persons.id });
    if (gone.length === 0) throw new GalleryError('NotFound', '人物不存在');
    await bumpGalleryVersion(tx);
  });
}

export async function findPerson(db: Db, id: number) {
  const [row] = await db.select().from(persons).where(eq(persons.id, id)).limit(1);
  return row;
}

export function parseLabels(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Persons of one kind (or all), newest first, with their reference photo count. */
export async function listPersons(db: Db, kind?: PersonKind): Promise<PersonRow[]> {
  const rows = await db
    .select({ id: persons.id, kind: persons.kind, name: persons.name, labels: persons.labels, basicInfo: persons.basicInfo, createdAt: persons.createdAt, photos: count(personFaces.id) })
    .from(persons)
    .leftJoin(personFaces, eq(personFaces.personId, persons.id))
    .where(kind ? eq(persons.kind, kind) : undefined)
    .groupBy(persons.id)
    .orderBy(desc(persons.id));
  return rows.map((r) => ({ ...r, labels: parseLabels(r.labels) }));
}

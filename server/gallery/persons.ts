import { count, desc, eq, sql } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { immediate, type DbOrTx } from '@/server/billing/tx';
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
export function bumpGalleryVersion(db: DbOrTx): void {
  db.insert(galleryVersion)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: galleryVersion.id, set: { version: sql`${galleryVersion.version} + 1` } })
    .run();
}

export function readGalleryVersion(db: DB): number {
  return db.select({ version: galleryVersion.version }).from(galleryVersion).where(eq(galleryVersion.id, 1)).get()?.version ?? 0;
}

export function addPerson(db: DB, input: PersonInput & { now: number }): { id: number } {
  return immediate(db, (tx) => {
    const row = tx
      .insert(persons)
      .values({ kind: input.kind, name: input.name, labels: JSON.stringify(input.labels), basicInfo: input.basicInfo, createdAt: input.now })
      .returning({ id: persons.id })
      .get();
    bumpGalleryVersion(tx);
    return row;
  });
}

/** Removes the person and (cascade) their reference faces. */
export function removePerson(db: DB, id: number): void {
  immediate(db, (tx) => {
    const gone = tx.delete(persons).where(eq(persons.id, id)).returning({ id: persons.id }).all();
    if (gone.length === 0) throw new GalleryError('NotFound', '人物不存在');
    bumpGalleryVersion(tx);
  });
}

export function findPerson(db: DbOrTx, id: number) {
  return db.select().from(persons).where(eq(persons.id, id)).get();
}

export function parseLabels(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Persons of one kind (or all), newest first, with their reference photo count. */
export function listPersons(db: DB, kind?: PersonKind): PersonRow[] {
  const rows = db
    .select({ id: persons.id, kind: persons.kind, name: persons.name, labels: persons.labels, basicInfo: persons.basicInfo, createdAt: persons.createdAt, photos: count(personFaces.id) })
    .from(persons)
    .leftJoin(personFaces, eq(personFaces.personId, persons.id))
    .where(kind ? eq(persons.kind, kind) : undefined)
    .groupBy(persons.id)
    .orderBy(desc(persons.id))
    .all();
  return rows.map((r) => ({ ...r, labels: parseLabels(r.labels) }));
}

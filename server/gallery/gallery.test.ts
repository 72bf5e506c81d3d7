import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { decodeImage } from '@/server/engines/decode';
import { detectCelebrity, FACE_MATCH_THRESHOLD, politicsResult, POLITICS_REVIEW_SIMILARITY, type GalleryFace } from '@/server/engines/detect-celebrity';
import { detectFaces, warmFaces } from '@/server/engines/models/faces';
import { ACTIONS } from '@/server/gateway/actions';
import { alteredAstronaut, fixturePhoto } from '@/server/testing/face-photos';
import { addPerson, addReferencePhoto, GalleryError, listPersons, loadGalleryFaces, refreshingGallery, removePerson } from './index';

// The 人物库 in the database, and DetectCelebrity / POLITICS run against it as the gateway does.

const NOW = Date.UTC(2019, 11, 5);
const eileen = { name: 'Eileen Collins', labels: ['宇航员', 'NASA'], basicInfo: '美国宇航员' };

beforeAll(() => warmFaces(), 60_000);

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    if (err instanceof GalleryError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('persons', () => {
  it('adds, lists by kind with photo counts, and removes with the reference faces', async () => {
    const db = await openTestDb();
    const a = await addPerson(db, { kind: 'celebrity', ...eileen, now: NOW });
    const b = await addPerson(db, { kind: 'politics', name: '某政要', labels: [], basicInfo: '', now: NOW });
    await addReferencePhoto(db, { personId: a.id, photo: await alteredAstronaut(), now: NOW });
    expect(await listPersons(db, 'celebrity')).toEqual([{ id: a.id, kind: 'celebrity', ...eileen, photos: 1, createdAt: NOW }]);
    expect((await listPersons(db)).map((p) => [p.id, p.photos])).toEqual([
      [b.id, 0],
      [a.id, 1],
    ]);
    await removePerson(db, a.id);
    expect(await listPersons(db, 'celebrity')).toEqual([]);
    expect(await loadGalleryFaces(db)).toEqual([]);
    await expect(removePerson(db, a.id)).rejects.toThrow('人物不存在');
  });
});

describe('reference photos', () => {
  let db: Db;
  let personId: number;
  beforeAll(async () => {
    db = await openTestDb();
    personId = (await addPerson(db, { kind: 'celebrity', ...eileen, now: NOW })).id;
  });

  it('stores the one face\'s descriptor with its person\'s fields', async () => {
    await addReferencePhoto(db, { personId, photo: await alteredAstronaut(), now: NOW });
    const [face] = await loadGalleryFaces(db);
    expect(face).toMatchObject({ personId, kind: 'celebrity', ...eileen });
    expect(face.descriptor).toHaveLength(1024);
  });

  it('refuses a photo without a face, with two faces, not JPEG/PNG, or for a missing person', async () => {
    expect(await refusal(addReferencePhoto(db, { personId, photo: fixturePhoto('rocket.jpg'), now: NOW }))).toMatch(/^NoFace: 照片中没有检测到人脸/);
    const astronaut = await sharp(fixturePhoto('astronaut.jpg')).resize(400, 400).toBuffer();
    const messi = await sharp(fixturePhoto('messi.jpg')).resize(400, 400, { fit: 'cover' }).toBuffer();
    const pair = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#fff' } })
      .composite([
        { input: astronaut, left: 0, top: 0 },
        { input: messi, left: 400, top: 0 },
      ])
      .jpeg()
      .toBuffer();
    expect(await refusal(addReferencePhoto(db, { personId, photo: pair, now: NOW }))).toMatch(/^SeveralFaces: 照片中有 2 张人脸/);
    expect(await refusal(addReferencePhoto(db, { personId, photo: Buffer.from('GIF89a'), now: NOW }))).toBe('BadPhoto: 请上传 JPEG 或 PNG 照片');
    expect(await refusal(addReferencePhoto(db, { personId: 999, photo: fixturePhoto('astronaut.jpg'), now: NOW }))).toBe('NotFound: 人物不存在');
    expect(await loadGalleryFaces(db)).toHaveLength(1);
  });
});

describe('the API process\'s gallery', () => {
  it('answers from memory and reloads at a refresh after a change, only then', async () => {
    const db = await openTestDb();
    const gallery = await refreshingGallery(db);
    expect(gallery.faces()).toEqual([]);
    const { id } = await addPerson(db, { kind: 'politics', ...eileen, now: NOW });
    await addReferencePhoto(db, { personId: id, photo: await alteredAstronaut(), now: NOW });
    expect(gallery.faces()).toEqual([]); // not refreshed yet
    await gallery.refresh();
    expect(gallery.faces().map((f) => f.name)).toEqual(['Eileen Collins']);
    const loaded = gallery.faces();
    await gallery.refresh();
    expect(gallery.faces()).toBe(loaded); // unchanged version: no reload
    await removePerson(db, id);
    await gallery.refresh();
    expect(gallery.faces()).toEqual([]);
  });
});

describe('DetectCelebrity and POLITICS as the gateway runs them', () => {
  let db: Db;
  const photos: Record<string, Awaited<ReturnType<typeof decodeImage>>> = {};
  beforeAll(async () => {
    db = await openTestDb();
    for (const kind of ['celebrity', 'politics'] as const) {
      const { id } = await addPerson(db, { kind, ...eileen, now: NOW });
      await addReferencePhoto(db, { personId: id, photo: await alteredAstronaut(), now: NOW });
    }
    for (const name of ['astronaut', 'messi']) photos[name] = await decodeImage(fixturePhoto(`${name}.jpg`));
  });
  const ctx = async () => ({ gallery: (await refreshingGallery(db)).faces });

  it('DetectCelebrity names the enrolled face, leaves another unnamed, and meters one celebrity call', async () => {
    const call = ACTIONS.DetectCelebrity.prepare({}, await ctx());
    expect(call.calls).toEqual([{ item: 'celebrity', count: 1 }]);
    const known = (await call.run(photos.astronaut)) as Awaited<ReturnType<typeof detectCelebrity>>;
    expect(known.Faces).toHaveLength(1);
    expect(known.Faces[0]).toMatchObject({ Name: 'Eileen Collins', Labels: [{ FirstLabel: '宇航员', SecondLabel: null }, { FirstLabel: 'NASA', SecondLabel: null }], BasicInfo: '美国宇航员' });
    expect(known.Faces[0].Confidence).toBeGreaterThanOrEqual(FACE_MATCH_THRESHOLD * 100);
    const unknown = (await call.run(photos.messi)) as Awaited<ReturnType<typeof detectCelebrity>>;
    expect(unknown.Faces).toHaveLength(1);
    expect(unknown.Faces[0]).toMatchObject({ Name: '', Labels: [], BasicInfo: '' });
    expect(unknown.Faces[0].Width).toBeGreaterThan(0);
  });

  it('POLITICS blocks the enrolled politics person, passes another face, and meters one politics call', async () => {
    const call = ACTIONS.ImageModeration.prepare({ Scenes: ['POLITICS'] }, await ctx());
    expect(call.calls).toEqual([{ item: 'politics', count: 1 }]);
    expect(await call.run(photos.astronaut)).toMatchObject({ Suggestion: 'BLOCK', PoliticsResult: { Code: 0, Msg: 'OK', Suggestion: 'BLOCK' } });
    expect(await call.run(photos.messi)).toMatchObject({ Suggestion: 'PASS', PornResult: null, PoliticsResult: { Code: 0, Msg: 'OK', Suggestion: 'PASS', Confidence: expect.any(Number) } });
  });

  it('POLITICS asks for review between the review and match similarities', async () => {
    // A gallery face at cosine 0.65 from the astronaut's: her descriptor tilted towards an orthogonal direction.
    const [face] = await detectFaces(photos.astronaut);
    const d = face.descriptor;
    const other = d.map((_, i) => (i % 2 === 0 ? d[i + 1] ?? 0 : -d[i - 1]));
    const norm = Math.hypot(...other);
    const s = (FACE_MATCH_THRESHOLD + POLITICS_REVIEW_SIMILARITY) / 2;
    const near = d.map((x, i) => s * x + Math.sqrt(1 - s * s) * (other[i] / norm));
    const gallery: GalleryFace[] = [{ personId: 1, kind: 'politics', name: 'x', labels: [], basicInfo: '', descriptor: near }];
    expect(await politicsResult(photos.astronaut, gallery)).toMatchObject({ Suggestion: 'REVIEW', Confidence: 65 });
  });
});

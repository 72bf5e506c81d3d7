import { warmDetector } from '@/server/engines/models/detector';
import { warmFaces } from '@/server/engines/models/faces';
import { warmNsfw } from '@/server/engines/models/nsfw';
import { addPerson, addReferencePhoto } from '@/server/gallery';
import { alteredAstronaut, fixturePhoto } from '@/server/testing/face-photos';
import { apiError } from './messages';
import { startTestApi, type TestApi } from './test-api';

// Kept apart from test-api.ts so that suites without models do not load them.

/**
 * Where the test API's ImageUrl finds the fixture photos: `${PHOTO_HOST}coffee.jpg`. A GET
 * carries its parameters in a URL of at most 32 KB, so a photo goes by address there.
 */
export const PHOTO_HOST = 'https://photos.example/';

async function fixtureFetcher(url: string): Promise<Buffer> {
  const name = url.startsWith(PHOTO_HOST) ? url.slice(PHOTO_HOST.length) : '';
  if (!/^[a-z]+\.jpg$/.test(name)) throw apiError('imageUrlInvalid');
  return fixturePhoto(name);
}

/**
 * The test API with every model loaded, the fixture photos behind PHOTO_HOST, and the 人物库
 * holding the astronaut twice: as a public figure (DetectCelebrity) and as a listed
 * politics person (POLITICS).
 */
export async function startModelTestApi(opts: Parameters<typeof startTestApi>[0] = {}): Promise<TestApi> {
  const api = await startTestApi({ ...opts, gateway: { fetchImage: fixtureFetcher, ...opts.gateway } });
  await Promise.all([warmDetector(), warmNsfw(), warmFaces()]);
  for (const kind of ['celebrity', 'politics'] as const) {
    const { id } = await addPerson(api.db, { kind, name: 'Eileen Collins', labels: ['宇航员'], basicInfo: '美国宇航员', now: Date.now() });
    await addReferencePhoto(api.db, { personId: id, photo: await alteredAstronaut(), now: Date.now() });
  }
  await api.refresh();
  return api;
}

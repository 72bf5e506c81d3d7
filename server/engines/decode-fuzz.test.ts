import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { mutatedImages, mutationSeeds, type Seeds } from '@/server/testing/image-mutations';
import { ANALYSIS_SIDE, decodeImage } from './decode';
import { ImageDecodeError } from './errors';

// ≥ 5,000 mutated PNG, JPEG and BMP files through the API's decode path: every one either
// decodes to a consistent image or is refused as ImageDecodeError (FailedOperation.
// ImageDecodeFailed on the wire; the 40 M pixel and BMP caps are ImageDecodeErrors too):
// no other exception, no crash, and memory stays bounded. How long the event loop stalls
// is measured by bench/engines/decode-fuzz.ts, not asserted here.

const RUNS = 5_000;
let seeds: Seeds;

beforeAll(async () => {
  seeds = await mutationSeeds();
});

it(`decodes or refuses ${RUNS} mutated images, never anything else`, { timeout: 120_000 }, async () => {
  const outcomes = { decoded: 0, refused: 0 };
  // Warm sharp up first: its first calls allocate pools that are not a leak.
  for (const buf of [...seeds.png, ...seeds.jpeg, ...seeds.bmp]) await decodeImage(buf);
  const rssBefore = process.memoryUsage().rss;
  await fc.assert(
    fc.asyncProperty(mutatedImages(seeds), async ({ kind, buf }) => {
      try {
        const image = await decodeImage(buf);
        const { analysis } = image;
        expect(image.width, kind).toBeGreaterThan(0);
        expect(image.height, kind).toBeGreaterThan(0);
        expect(Math.max(analysis.width, analysis.height), kind).toBeLessThanOrEqual(ANALYSIS_SIDE);
        expect(analysis.data.length, kind).toBe(analysis.width * analysis.height * analysis.channels);
        outcomes.decoded++;
      } catch (err) {
        if (!(err instanceof ImageDecodeError)) throw new Error(`${kind}: ${(err as Error).stack}`);
        expect((err as Error).message, kind).toMatch(/解码|无法解码|格式不支持|像素超过/);
        outcomes.refused++;
      }
    }),
    { numRuns: RUNS, seed: 20191205 },
  );
  const growth = process.memoryUsage().rss - rssBefore;
  expect(outcomes.decoded + outcomes.refused).toBe(RUNS);
  // Both outcomes happen: the mutations do not only produce garbage.
  expect(outcomes.decoded).toBeGreaterThan(100);
  expect(outcomes.refused).toBeGreaterThan(1_000);
  expect(growth).toBeLessThan(256 * 1024 * 1024);
});

// npx tsx bench/engines/run.ts [callsPerAction=30]
// The model engines in-process on the fixture photos (server/engines/fixtures): for each
// action, `callsPerAction` sequential calls (decode + engine, as the API server runs them;
// no HTTP, auth or metering), cycling through the photos. Prints p50/p99 latency, calls/s
// and the process's resident memory before and after loading all models.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '@/server/engines/decode';
import { detectLabel } from '@/server/engines/detect-label';
import { detectProduct } from '@/server/engines/detect-product';
import { imageModeration } from '@/server/engines/image-moderation';
import { warmDetector } from '@/server/engines/models/detector';
import { detectFaces, warmFaces } from '@/server/engines/models/faces';
import { warmNsfw } from '@/server/engines/models/nsfw';
import { recognizeCar } from '@/server/engines/recognize-car';

const callsPerAction = Number(process.argv[2] ?? 30);
const PHOTOS = ['cat', 'coffee', 'astronaut', 'motorcycle', 'rocket', 'car', 'messi'].map((n) => readFileSync(path.join('server', 'engines', 'fixtures', `${n}.jpg`)));

const ACTIONS: Record<string, (buf: Buffer) => Promise<unknown>> = {
  DetectLabel: async (buf) => detectLabel(await decodeImage(buf)),
  DetectProduct: async (buf) => detectProduct(await decodeImage(buf)),
  RecognizeCar: async (buf) => recognizeCar(await decodeImage(buf)),
  'ImageModeration [PORN]': async (buf) => imageModeration(await decodeImage(buf), ['PORN'], []),
  'ImageModeration [TERRORISM]': async (buf) => imageModeration(await decodeImage(buf), ['TERRORISM'], []),
  'ImageModeration [PORN,TERRORISM]': async (buf) => imageModeration(await decodeImage(buf), ['PORN', 'TERRORISM'], []),
  // Faces are described whatever the gallery holds; matching against it is a few dot products.
  'DetectCelebrity / ImageModeration [POLITICS]: detect + describe faces': async (buf) => detectFaces(await decodeImage(buf)),
};

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function main() {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  await Promise.all([warmDetector(), warmNsfw(), warmFaces()]);
  const loadMs = performance.now() - t0;
  // One warm-up call of each action: WASM kernels and graph executors set up lazily.
  for (const run of Object.values(ACTIONS)) await run(PHOTOS[0]);
  const rssLoaded = process.memoryUsage().rss;
  console.log(`models loaded in ${Math.round(loadMs)} ms; RSS ${mb(rssBefore)} MiB before, ${mb(rssLoaded)} MiB after loading and warming all models`);

  console.log('| action | calls | p50 ms | p99 ms | calls/s |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, run] of Object.entries(ACTIONS)) {
    const times: number[] = [];
    const start = performance.now();
    for (let i = 0; i < callsPerAction; i++) {
      const t = performance.now();
      await run(PHOTOS[i % PHOTOS.length]);
      times.push(performance.now() - t);
    }
    const elapsed = (performance.now() - start) / 1000;
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${callsPerAction} | ${quantile(times, 0.5).toFixed(0)} | ${quantile(times, 0.99).toFixed(0)} | ${(callsPerAction / elapsed).toFixed(2)} |`);
  }
  console.log(`RSS at the end: ${mb(process.memoryUsage().rss)} MiB`);
}

void main();

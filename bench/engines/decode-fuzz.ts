// npx tsx bench/engines/decode-fuzz.ts [files=5000]
// The decode fuzz test's mutated PNG/JPEG/BMP files (server/testing/image-mutations.ts)
// through decodeImage one after another, as the API server would: how long each call holds
// the event loop before it yields (the in-process PNG and BMP decoders run synchronously,
// sharp on libuv's threads), the event loop's own delay histogram while it runs, and the
// resident memory before and after. Then the largest images accepted (a 512×512 PNG on
// the fast path, a 1024×1024 24-bit BMP at the BMP cap) for the worst legitimate stall.
import fc from 'fast-check';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { decodeImage } from '@/server/engines/decode';
import { bmp24, noiseImage } from '@/server/engines/sample-images';
import { mutatedImages, mutationSeeds } from '@/server/testing/image-mutations';

const files = Number(process.argv[2] ?? 5000);

/** Milliseconds decodeImage runs before handing back its promise, and its outcome. */
async function stall(buf: Buffer): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  const work = decodeImage(buf);
  const ms = performance.now() - start;
  return work.then(
    () => ({ ms, ok: true }),
    () => ({ ms, ok: false }),
  );
}

async function main() {
  const seeds = await mutationSeeds();
  const samples = fc.sample(mutatedImages(seeds), { numRuns: files, seed: 20191205 });

  for (const buf of [...seeds.png, ...seeds.jpeg, ...seeds.bmp]) await decodeImage(buf);
  const rssBefore = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const stalls: number[] = [];
  let worst = { ms: 0, kind: '' };
  let decoded = 0;
  const started = performance.now();
  for (const { kind, buf } of samples) {
    const { ms, ok } = await stall(buf);
    stalls.push(ms);
    if (ok) decoded++;
    if (ms > worst.ms) worst = { ms, kind };
  }
  const elapsed = performance.now() - started;
  loop.disable();
  stalls.sort((a, b) => a - b);
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  console.log(`${files} mutated files in ${(elapsed / 1000).toFixed(1)} s: ${decoded} decoded, ${files - decoded} refused`);
  console.log(`synchronous part of one decode: p50 ${stalls[files >> 1].toFixed(3)} ms, p99 ${stalls[Math.floor(files * 0.99)].toFixed(2)} ms, max ${worst.ms.toFixed(2)} ms (${worst.kind})`);
  console.log(`event-loop delay while running: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
  console.log(`RSS ${mib(rssBefore)} before, ${mib(process.memoryUsage().rss)} after`);

  const largest: [string, Buffer][] = [
    ['PNG 512×512 noise (fast path)', await noiseImage(512, 512, 60)],
    ['BMP 1024×1024 24-bit (the BMP cap)', bmp24(1024, 1024, (x, y) => [x & 255, y & 255, (x ^ y) & 255])],
  ];
  for (const [name, buf] of largest) {
    const runs: number[] = [];
    for (let i = 0; i < 20; i++) runs.push((await stall(buf)).ms);
    runs.sort((a, b) => a - b);
    console.log(`${name}: synchronous part p50 ${runs[10].toFixed(2)} ms, max ${runs[19].toFixed(2)} ms`);
  }
}

void main();

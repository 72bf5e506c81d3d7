// npx tsx bench/engines/offload.ts [runs=3]
// How long the event loop stalls while a detection runs in-process versus in the inference
// worker (server/engines/models/offload.ts): the longest gap between ticks of a 1 ms timer
// during one detection on car.jpg, and the detection's own time. The worker's stall is the
// image copy across threads; in-process it is the whole model run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '@/server/engines/decode';
import { detectObjects, detectObjectsInProcess, warmDetector } from '@/server/engines/models/detector';
import { classifyNsfw } from '@/server/engines/models/nsfw';
import { startInferenceWorker, stopInferenceWorker } from '@/server/engines/models/offload';

const runs = Number(process.argv[2] ?? 3);

/** The longest time the event loop went without running a 1 ms timer while `work` ran, and how long `work` took. */
async function stallOf(work: () => Promise<unknown>): Promise<{ stallMs: number; tookMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await work();
  const tookMs = performance.now() - start;
  clearInterval(timer);
  return { stallMs: Math.round(Math.max(longest, performance.now() - last)), tookMs: Math.round(tookMs) };
}

async function main() {
  // The worker is unref'd (it must not keep a server alive): this timer keeps the bench alive while it waits on it.
  const keepAlive = setInterval(() => {}, 60_000);
  const car = await decodeImage(readFileSync(path.join('server', 'engines', 'fixtures', 'car.jpg')));
  await warmDetector();
  await detectObjectsInProcess(car); // warm-up
  startInferenceWorker();
  await Promise.all([detectObjects(car), classifyNsfw(car)]); // the worker loads its models
  console.log('| run | in-process stall ms | in-process detection ms | worker stall ms | worker detection + nsfw ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (let i = 1; i <= runs; i++) {
    const here = await stallOf(() => detectObjectsInProcess(car));
    const there = await stallOf(() => Promise.all([detectObjects(car), classifyNsfw(car)]));
    console.log(`| ${i} | ${here.stallMs} | ${here.tookMs} | ${there.stallMs} | ${there.tookMs} |`);
  }
  await stopInferenceWorker();
  clearInterval(keepAlive);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

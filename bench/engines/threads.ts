// npx tsx bench/engines/threads.ts [seconds=15] [concurrency=4]
// DetectLabel through the API server's model thread pool (server/engines/models/pool.ts)
// with 1 and with 2 threads: `concurrency` callers in a closed loop for `seconds` each,
// cycling through the fixture photos (decode on the main thread, as the API server does,
// the model on a pool thread). Each pool is warmed first (every thread loads the models).
// Prints calls/s, latency p50/p99 and the main thread's event-loop delay p99, which the
// pool exists to keep low.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { decodeImage } from '@/server/engines/decode';
import { detectLabel } from '@/server/engines/detect-label';
import { startInferenceWorker, stopInferenceWorker } from '@/server/engines/models/offload';

const [seconds = 15, concurrency = 4] = process.argv.slice(2).map(Number);
const PHOTOS = ['cat', 'coffee', 'astronaut', 'motorcycle', 'rocket', 'car', 'messi'].map((n) => readFileSync(path.join('server', 'engines', 'fixtures', `${n}.jpg`)));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const call = async (i: number) => detectLabel(await decodeImage(PHOTOS[i % PHOTOS.length]));

async function measure(threads: number) {
  startInferenceWorker(threads);
  // Warm-up: enough calls at once that every thread loads its models and runs once.
  await Promise.all(Array.from({ length: threads * 2 }, (_, i) => call(i)));
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await call(next++);
        times.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  delay.disable();
  await stopInferenceWorker();
  times.sort((a, b) => a - b);
  const rate = times.length / elapsed;
  console.log(
    `| ${threads} | ${times.length} | ${rate.toFixed(2)} | ${quantile(times, 0.5).toFixed(0)} | ${quantile(times, 0.99).toFixed(0)} | ${(delay.percentile(99) / 1e6).toFixed(1)} |`,
  );
  return rate;
}

async function main() {
  console.log(`DetectLabel, ${concurrency} callers, ${seconds} s per run; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log('| threads | calls | calls/s | p50 ms | p99 ms | event-loop delay p99 ms |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const one = await measure(1);
  const two = await measure(2);
  console.log(`2 threads / 1 thread: ${(two / one).toFixed(2)}×; load average at the end ${os.loadavg()[0].toFixed(1)}`);
}

void main();

// For host-limits' cluster test:
// `node --import tsx cluster-qps.ts <workers> <attempts each> <limit> <timeout ms> [pace ms]`.
// The primary keeps the host-wide windows and forks the workers; when all have asked it
// once (warm, so a worker still compiling does not starve the primary of CPU) it tells
// them to go. Each makes its attempts on one key at once, or with `pace ms`, that many
// attempts every millisecond for that long (a hot key, decided from leases). The primary
// prints {"allowed": [per worker], "attempts": [per worker], "fallbacks": [per worker],
// "stats": HostLimitsStats} as one JSON line.
import cluster from 'node:cluster';
import { createHostLimiter, serveHostLimits } from '@/server/gateway/limits/host-limits';
import { createRateLimiter } from '@/server/gateway/rate-limiter';

const [workers, attempts, limit, timeoutMs, paceMs] = process.argv.slice(2).map(Number);
const KEY = '42:AssessQuality';

interface Result {
  allowed: number;
  attempts: number;
  fallbacks: number;
}

if (cluster.isPrimary) {
  const host = serveHostLimits();
  const results: Result[] = [];
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    worker.on('message', (msg: { listening?: boolean } & Partial<Result>) => {
      if (msg.listening && ++listening === workers) for (const w of Object.values(cluster.workers ?? {})) w?.send({ go: true });
      if (msg.allowed === undefined) return;
      results.push(msg as Result);
      worker.disconnect();
      if (results.length === workers) {
        const of = (field: keyof Result) => results.map((r) => r[field]);
        console.log(JSON.stringify({ allowed: of('allowed'), attempts: of('attempts'), fallbacks: of('fallbacks'), stats: host.stats() }));
        host.stop();
      }
    });
  }
} else {
  const limiter = createHostLimiter(createRateLimiter(), { timeoutMs });
  const burst = () => Promise.all(Array.from({ length: attempts }, () => limiter.tryAcquire(KEY, limit)));
  process.on('message', async (msg: { go?: boolean }) => {
    if (!msg.go) return;
    const answers = await burst();
    if (paceMs) for (const end = performance.now() + paceMs; performance.now() < end; await new Promise((r) => setTimeout(r, 1))) answers.push(...(await burst()));
    const result: Result = { allowed: answers.filter(Boolean).length, attempts: answers.length, fallbacks: limiter.status().fallbackDecisions };
    process.send!(result);
  });
  void Promise.resolve(limiter.tryAcquire(`warm:${process.pid}`, 1)).then(() => process.send!({ listening: true }));
}

// For host-limits' cluster test:
// `node --import tsx cluster-qps.ts <workers> <attempts each> <limit> <timeout ms>`.
// The primary keeps the host-wide windows and forks the workers; when all have asked it
// once (warm, so a worker still compiling does not starve the primary of CPU) it tells
// them to go, each makes its attempts on one key at once, and the primary prints
// {"allowed": [per worker], "fallbacks": [per worker], "messages": n} as one JSON line.
import cluster from 'node:cluster';
import { createHostLimiter, serveHostLimits } from '@/server/gateway/limits/host-limits';
import { createRateLimiter } from '@/server/gateway/rate-limiter';

const [workers, attempts, limit, timeoutMs] = process.argv.slice(2).map(Number);
const KEY = '42:AssessQuality';

if (cluster.isPrimary) {
  const host = serveHostLimits();
  const allowed: number[] = [];
  const fallbacks: number[] = [];
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    worker.on('message', (msg: { listening?: boolean; allowed?: number; fallbacks?: number }) => {
      if (msg.listening && ++listening === workers) for (const w of Object.values(cluster.workers ?? {})) w?.send({ go: true });
      if (msg.allowed === undefined) return;
      allowed.push(msg.allowed);
      fallbacks.push(msg.fallbacks!);
      worker.disconnect();
      if (allowed.length === workers) {
        console.log(JSON.stringify({ allowed, fallbacks, messages: host.stats().messages }));
        host.stop();
      }
    });
  }
} else {
  const limiter = createHostLimiter(createRateLimiter(), { timeoutMs });
  process.on('message', async (msg: { go?: boolean }) => {
    if (!msg.go) return;
    const answers = await Promise.all(Array.from({ length: attempts }, () => limiter.tryAcquire(KEY, limit)));
    process.send!({ allowed: answers.filter(Boolean).length, fallbacks: limiter.status().fallbackDecisions });
  });
  void Promise.resolve(limiter.tryAcquire(`warm:${process.pid}`, 1)).then(() => process.send!({ listening: true }));
}

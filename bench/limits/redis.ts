// npx tsx bench/limits/redis.ts [seconds=5] [callers=64]
// The fleet-wide QPS limit against a throwaway redis-server (scripts/services.mjs): two
// limiter instances in this process, as two API hosts, `callers` closed-loop callers split
// between them, keys spread over 32 accounts. Two runs: every call let through (limit
// 1,000,000: one script per call) and a flood at limit 20 (most refusals known locally).
// Prints calls/s, the scripts Redis ran per second, how many scripts came in one read
// (the calls of one turn share one pipelined write), wait p50/p99, Redis's CPU per 1,000
// scripts, and the calls the fallback decided (Redis slower than REDIS_TIMEOUT_MS).
import path from 'node:path';
import { Redis } from 'ioredis';
import { createRedisLimiter } from '@/server/gateway/limits/redis-limits';
import { createRateLimiter } from '@/server/gateway/rate-limiter';
import { percentile } from '../api/load';

const [seconds = 5, callers = 64] = process.argv.slice(2).map(Number);

async function stats(admin: Redis) {
  const info = (await admin.info('cpu')) + (await admin.info('commandstats')) + (await admin.info('stats'));
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)![1]);
  const calls = Number(/^cmdstat_evalsha:calls=(\d+)/m.exec(info)?.[1] ?? 0);
  // Reads Redis processed: one per pipelined write that reached it (the admin's own are few).
  return { cpu: field('used_cpu_sys') + field('used_cpu_user'), scripts: calls, reads: field('total_reads_processed') };
}

async function main() {
  const { startRedis } = (await import(path.resolve('scripts/services.mjs'))) as { startRedis(): Promise<{ url: string; stop(): void }> };
  const server = await startRedis();
  const admin = new Redis(server.url);
  const hosts = [0, 1].map(() => createRedisLimiter(server.url, createRateLimiter()));
  await Promise.all(hosts.map((h) => h.ready()));
  console.log(`2 limiter instances, ${callers} callers, ${seconds} s per run`);
  console.log('| run | calls/s | scripts/s | scripts per read | wait p50 ms | wait p99 ms | Redis CPU ms per 1,000 scripts | fallback decisions (outages) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const fallbacks = () => hosts.map((h) => h.status()).reduce((s, st) => [s[0] + st.fallbackDecisions, s[1] + st.outages], [0, 0]);
  for (const [name, limit] of [
    ['all let through (limit 1,000,000)', 1_000_000],
    ['flood (32 accounts at limit 20)', 20],
  ] as const) {
    const before = await stats(admin);
    const [fallbacksBefore, outagesBefore] = fallbacks();
    const waits: number[] = [];
    let calls = 0;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: callers }, async (_, i) => {
        const host = hosts[i % 2];
        while (performance.now() < deadline) {
          const t = performance.now();
          const acquired = host.tryAcquire(`${Math.floor(Math.random() * 32)}:AssessQuality`, limit);
          if (typeof acquired === 'boolean') await new Promise((r) => setImmediate(r));
          else await acquired;
          waits.push(performance.now() - t);
          calls++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const after = await stats(admin);
    const [fallbacksAfter, outagesAfter] = fallbacks();
    waits.sort((a, b) => a - b);
    const scripts = after.scripts - before.scripts;
    console.log(
      `| ${name} | ${Math.round(calls / elapsed).toLocaleString('en')} | ${Math.round(scripts / elapsed).toLocaleString('en')} | ${(scripts / (after.reads - before.reads)).toFixed(1)} | ${percentile(waits, 50).toFixed(2)} | ${percentile(waits, 99).toFixed(2)} | ${((1e6 * (after.cpu - before.cpu)) / scripts).toFixed(1)} | ${fallbacksAfter - fallbacksBefore} (${outagesAfter - outagesBefore}) |`,
    );
  }
  for (const h of hosts) await h.close();
  admin.disconnect();
  server.stop();
}

void main();

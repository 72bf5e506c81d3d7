import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type QpsLimiter } from '../rate-limiter';
import { createRedisLimiter, KEY_PREFIX } from './redis-limits';
import { PROBE_MS, type RemoteLimiter } from './remote-limiter';

// Against a real redis-server of its own (scripts/services.mjs: free port, no persistence).

interface Service {
  url: string;
  stop(): void;
}
let redis: Service;
let admin: Redis;
const hosts: RemoteLimiter[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One API host: its own Redis client, the host's own window as its fallback. The timeout
 * is long unless a test is about it, so a busy test machine cannot turn an exactness test
 * into a fallback test.
 */
function host(log: (line: string) => void = () => {}, timeoutMs = 5_000): RemoteLimiter {
  const limiter = createRedisLimiter(redis.url, createRateLimiter(), { log, timeoutMs });
  hosts.push(limiter);
  return limiter;
}

const allowed = async (limiter: QpsLimiter, key: string, limit: number, n: number) =>
  (await Promise.all(Array.from({ length: n }, () => limiter.tryAcquire(key, limit)))).filter(Boolean).length;

beforeAll(async () => {
  const services = (await import(pathToFileURL(path.join(__dirname, '..', '..', '..', 'scripts', 'services.mjs')).href)) as { startRedis(): Promise<Service> };
  redis = await services.startRedis();
  admin = new Redis(redis.url);
  // It sees the server stop in the last test, as the hosts do.
  admin.on('error', () => {});
}, 30_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
  admin.disconnect();
  redis.stop();
});

describe('fleet-wide QPS limit in Redis', () => {
  it('allows 20 of 200 attempts within one second across two hosts at limit 20, and the key expires', async () => {
    const [a, b] = [host(), host()];
    await Promise.all([a.ready(), b.ready()]);
    const [fromA, fromB] = await Promise.all([allowed(a, '7:AssessQuality', 20, 100), allowed(b, '7:AssessQuality', 20, 100)]);
    expect(fromA + fromB).toBe(20);
    expect(await admin.zcard(`${KEY_PREFIX}7:AssessQuality`)).toBe(20);
    const ttl = await admin.pttl(`${KEY_PREFIX}7:AssessQuality`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    // Both hosts now know the refusal and answer it without a round trip.
    expect(a.tryAcquire('7:AssessQuality', 20)).toBe(false);
    expect(b.tryAcquire('7:AssessQuality', 20)).toBe(false);
    expect(a.status().fallbackDecisions + b.status().fallbackDecisions).toBe(0);
  });

  it('slides: a slot frees one second after the call that took it, not at a second boundary', async () => {
    const [a, b] = [host(), host()];
    await Promise.all([a.ready(), b.ready()]);
    expect(await allowed(a, '8:DetectLabel', 20, 10)).toBe(10);
    await sleep(800);
    expect(await allowed(b, '8:DetectLabel', 20, 10)).toBe(10);
    expect(await allowed(a, '8:DetectLabel', 20, 10)).toBe(0);
    // 1.3 s after the first ten: they have aged out, the ten taken at 0.8 s have not.
    await sleep(500);
    expect(await allowed(a, '8:DetectLabel', 20, 20)).toBe(10);
  });

  it("decides by the host's window while Redis hangs, says so once, and returns to Redis", async () => {
    const lines: string[] = [];
    const a = host((l) => lines.push(l), 300);
    await a.ready();
    // CLIENT PAUSE holds every client's commands, as a Redis stuck on a slow disk would.
    await admin.call('CLIENT', 'PAUSE', '700', 'ALL');
    expect(await allowed(a, '9:CropImage', 20, 100)).toBe(20);
    expect(await allowed(a, '9:CropImage', 20, 10)).toBe(0);
    expect(a.status()).toMatchObject({ fallbackDecisions: 110, outages: 1 });
    expect(a.status().downSince).not.toBeNull();
    await sleep(Math.max(PROBE_MS, 700) + 100);
    expect(await a.tryAcquire('10:CropImage', 20)).toBe(true);
    expect(await allowed(a, '10:CropImage', 20, 30)).toBe(19);
    expect(a.status()).toMatchObject({ downSince: null, fallbackDecisions: 110, outages: 1 });
    expect(lines).toEqual([
      "QPS limit: Redis unavailable (Command timed out); deciding by this host's window until it answers",
      expect.stringMatching(/^QPS limit: Redis answers again after [\d.]+ s; 110 calls were decided by this host's window$/),
    ]);
  });

  it("decides by the host's window at once while Redis is down, and says so once", async () => {
    const lines: string[] = [];
    const a = host((l) => lines.push(l));
    await a.ready();
    redis.stop();
    await sleep(200);
    expect(await allowed(a, '11:AssessQuality', 20, 100)).toBe(20);
    await sleep(PROBE_MS + 50);
    expect(await allowed(a, '11:AssessQuality', 20, 100)).toBe(0);
    expect(a.status()).toMatchObject({ fallbackDecisions: 200, outages: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^QPS limit: Redis unavailable \(.+\); deciding by this host's window until it answers$/);
  });
});

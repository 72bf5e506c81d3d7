import http from 'node:http';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { apiRequests, usageMonthly } from '@/db/schema';
import { shapesImage } from '@/server/engines/sample-images';
import { startBackend, startRedis, type ServerProcess, type RedisService } from '@/server/testing/server-process';
import { createApiFixture, type ApiFixture } from '@/bench/api/fixture';
import { freePort } from '@/bench/api/server-process';
import { signer } from './client-signer';
import { METER_JOURNAL_MS } from './gateway';

// Issue 12's fleet: two API hosts (two `--role api` processes, each a cluster primary with
// its workers, on ports of their own) on one PostgreSQL database and one Redis. The QPS
// limit holds across both; only calls let through are metered.

const LIMIT = 20;
let redis: RedisService;
let fixture: ApiFixture;
const hosts: { port: number; process: ServerProcess }[] = [];

// Keep-alive: the burst reuses the warm-up's connections instead of opening 200 at once.
const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });

function call(port: number, body: string, headers: Record<string, string>): Promise<{ requestId: string; code: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent, method: 'POST', path: '/', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { Response } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve({ requestId: Response.RequestId, code: Response.Error?.Code ?? 'OK' });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The test needs PostgreSQL (several hosts share one store only there): it skips itself
// only when DATABASE_URL is not postgres; `npm test` runs it in its PostgreSQL pass.
describe('two API hosts on one PostgreSQL and one Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    fixture = await createApiFixture({ port: 0, qpsLimit: LIMIT });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      // A generous timeout: on a busy machine a 50 ms Redis timeout would hand calls to the
      // host's fallback window, which is per host (and would be logged, which the test checks).
      const env = { ...fixture.env, API_PORT: String(port), API_WORKERS: '2', REDIS_URL: redis.url, QPS_LIMIT_TIMEOUT_MS: '1000' };
      hosts.push({ port, process: startBackend(['--role', 'api'], env) });
    }
    await Promise.all(hosts.map((h) => h.process.waitFor(/^API server listening/, 120_000)));
  }, 180_000);

  afterAll(async () => {
    agent.destroy();
    await Promise.all(hosts.map((h) => h.process.kill()));
    redis?.stop();
    if (fixture) await closeDb(fixture.db);
  });

  it(`200 calls within a second across both hosts at ${LIMIT}/s: at most ${LIMIT} a second answered, the rest RequestLimitExceeded, only those metered`, async () => {
    const body = JSON.stringify({ ImageBase64: (await sharp(await shapesImage(64, 64)).png().toBuffer()).toString('base64') });
    const sign = hosts.map((h) => signer(fixture.creds, `127.0.0.1:${h.port}`, 'AssessQuality', body));
    // Warm each host's workers' connections and compiled paths on another action's window,
    // so the burst is decided in well under a second even on a busy machine.
    const warm = hosts.map((h) => signer(fixture.creds, `127.0.0.1:${h.port}`, 'EnhanceImage', body));
    await Promise.all(hosts.flatMap((h, i) => Array.from({ length: 100 }, () => call(h.port, body, warm[i]()))));
    await new Promise((r) => setTimeout(r, 1_100)); // the warm-up's window has aged out

    const sentAt = performance.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => call(hosts[n % 2].port, body, sign[n % 2]())));
    const burstSeconds = (performance.now() - sentAt) / 1000;
    const ok = answers.filter((a) => a.code === 'OK');
    // Tolerance: none while Redis answers (one atomic script per call on Redis's clock):
    // at most LIMIT in any one-second span. The 200 are sent at once, but a busy machine may
    // take longer than a second to decide them all: a burst decided over s seconds lets at
    // most LIMIT × ⌈s⌉ through (exactly LIMIT when it fits in one second), and never fewer than LIMIT.
    expect(ok.length).toBeGreaterThanOrEqual(LIMIT);
    expect(ok.length).toBeLessThanOrEqual(LIMIT * Math.ceil(burstSeconds));
    expect(answers.filter((a) => a.code === 'RequestLimitExceeded')).toHaveLength(200 - ok.length);

    const meteredRows = () => fixture.db.select({ id: apiRequests.requestId, action: apiRequests.action }).from(apiRequests).where(eq(apiRequests.accountId, fixture.accountId));
    const burstIds = (rows: Awaited<ReturnType<typeof meteredRows>>) => rows.filter((m) => m.action === 'AssessQuality').map((m) => m.id).sort();
    const answeredIds = ok.map((a) => a.requestId).sort();
    // The answered calls leave the hosts' journals within an interval or so (longer on a busy machine) …
    await expect.poll(async () => burstIds(await meteredRows()), { timeout: 10_000 }).toEqual(answeredIds);
    // … and nothing else is metered after them.
    await new Promise((r) => setTimeout(r, 3 * METER_JOURNAL_MS));
    const metered = await meteredRows();
    expect(burstIds(metered)).toEqual(answeredIds);
    const usage = await fixture.db.select({ item: usageMonthly.item, calls: usageMonthly.totalCalls }).from(usageMonthly).where(eq(usageMonthly.accountId, fixture.accountId));
    expect(usage.sort((a, b) => a.item.localeCompare(b.item))).toEqual([
      { item: 'enhance', calls: metered.filter((m) => m.action === 'EnhanceImage').length },
      { item: 'quality', calls: ok.length },
    ]);
    // Every decision was Redis's: no host fell back to its own window.
    expect(hosts.flatMap((h) => h.process.lines).filter((l) => /QPS limit: .* unavailable/.test(l))).toEqual([]);
  }, 60_000);
});

import http from 'node:http';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { apiKeys, apiRequests } from '@/db/schema';
import { STORE } from '@/db/store';
import { setApiKeyStatus } from '@/server/api-keys/keys';
import { shapesImage } from '@/server/engines/sample-images';
import { startBackend, type ServerProcess } from '@/server/testing/server-process';
import { createApiFixture, type ApiFixture } from '@/bench/api/fixture';
import { freePort } from '@/bench/api/server-process';
import { signer } from './client-signer';
import { METER_JOURNAL_MS, REFRESH_MS } from './gateway';

// Account state across the workers of a host: every node:cluster worker keeps its own
// caches (keys, account gates, clock, gallery) and refreshes them from the store every
// REFRESH_MS, so a change made by the console reaches every worker within a second.

let fixture: ApiFixture;
let api: ServerProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  // The account's limit is set before the workers start: a limit changed during the test
  // reaches each worker within a refresh, which a loaded machine can delay.
  fixture = await createApiFixture({ port, qpsLimit: 200 });
  // A primary starved of CPU for 20 ms lets each worker decide by its own window (fail open,
  // docs/deployment.md); the limit is tested here while the primary answers.
  api = startBackend(['--role', 'api'], { ...fixture.env, API_WORKERS: '2', QPS_LIMIT_TIMEOUT_MS: '5000' });
  await api.waitFor(/^API server listening/, 120_000);
}, 180_000);

afterAll(async () => {
  await api?.kill();
  if (fixture) await closeDb(fixture.db);
});

/** One call, by default on a connection of its own: the primary hands connections to the workers in turn. */
function call(body: string, headers: Record<string, string>, agent: http.Agent | false = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent, method: 'POST', path: '/', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).Response.Error?.Code ?? 'OK'));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const assessBody = async () => JSON.stringify({ ImageBase64: (await sharp(await shapesImage(64, 64)).png().toBuffer()).toString('base64') });

const metered = async () => {
  const [{ n }] = await fixture.db.select({ n: count() }).from(apiRequests).where(eq(apiRequests.accountId, fixture.accountId));
  return n;
};

it(`a key disabled, then enabled again, is seen by both API workers within a second (${STORE})`, async () => {
  const body = await assessBody();
  const headers = signer(fixture.creds, `127.0.0.1:${port}`, 'AssessQuality', body);
  const [key] = await fixture.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.secretId, fixture.creds.secretId));
  // Ten connections in turn reach both workers several times over.
  const tenCalls = async () => {
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(await call(body, headers()));
    return codes;
  };
  expect(await tenCalls()).toEqual(Array(10).fill('OK'));

  await setApiKeyStatus(fixture.db, { accountId: fixture.accountId, id: key.id, status: 'disabled' });
  await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100)); // no refresh by hand: each worker's own loop
  expect(await tenCalls()).toEqual(Array(10).fill('AuthFailure.SecretIdNotFound'));

  await setApiKeyStatus(fixture.db, { accountId: fixture.accountId, id: key.id, status: 'enabled' });
  await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100));
  expect(await tenCalls()).toEqual(Array(10).fill('OK'));
}, 60_000);

it(`a busy key at 200/s across both workers (leases): never more than 200 in a second, each call answered metered once, no refusal metered (${STORE})`, async () => {
  const body = await assessBody();
  const headers = signer(fixture.creds, `127.0.0.1:${port}`, 'AssessQuality', body);
  // The first test's calls are metered within a few journal intervals.
  await new Promise((r) => setTimeout(r, 5 * METER_JOURNAL_MS));
  const before = await metered();
  // 600 calls over 32 kept-alive connections, which the primary spread over both workers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const answers = await Promise.all(
    Array.from({ length: 600 }, async () => {
      const sentAt = performance.now();
      const code = await call(body, headers(), agent);
      return { code, sentAt, answeredAt: performance.now() };
    }),
  );
  agent.destroy();
  const ok = answers.filter((a) => a.code === 'OK');
  expect(answers.filter((a) => a.code !== 'OK' && a.code !== 'RequestLimitExceeded')).toEqual([]);
  // A call was let through between its sending and its answer: any calls sent at or after
  // one call's sending and answered within the second after it were let through in one
  // second, and may not be more than 200.
  for (const first of ok) expect(ok.filter((a) => a.sentAt >= first.sentAt && a.answeredAt <= first.sentAt + 1000).length).toBeLessThanOrEqual(200);
  expect(ok.length).toBeGreaterThanOrEqual(100);
  expect(api.lines.filter((l) => l.startsWith('QPS limit:'))).toEqual([]);
  await new Promise((r) => setTimeout(r, 5 * METER_JOURNAL_MS));
  expect((await metered()) - before).toBe(ok.length);
}, 60_000);

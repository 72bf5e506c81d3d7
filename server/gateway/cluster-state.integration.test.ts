import http from 'node:http';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { STORE } from '@/db/store';
import { setApiKeyStatus } from '@/server/api-keys/keys';
import { shapesImage } from '@/server/engines/sample-images';
import { startBackend, type ServerProcess } from '@/server/testing/server-process';
import { createApiFixture, type ApiFixture } from '@/bench/api/fixture';
import { freePort } from '@/bench/api/server-process';
import { signer } from './client-signer';
import { REFRESH_MS } from './gateway';

// Account state across the workers of a host: every node:cluster worker keeps its own
// caches (keys, account gates, clock, gallery) and refreshes them from the store every
// REFRESH_MS, so a change made by the console reaches every worker within a second.

let fixture: ApiFixture;
let api: ServerProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  fixture = await createApiFixture({ port, qpsLimit: 1_000 });
  api = startBackend(['--role', 'api'], { ...fixture.env, API_WORKERS: '2' });
  await api.waitFor(/^API server listening/, 120_000);
}, 180_000);

afterAll(async () => {
  await api?.kill();
  if (fixture) await closeDb(fixture.db);
});

/** One call on a connection of its own: the primary hands connections to the workers in turn. */
function call(body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent: false, method: 'POST', path: '/', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).Response.Error?.Code ?? 'OK'));
    });
    req.on('error', reject);
    req.end(body);
  });
}

it(`a key disabled, then enabled again, is seen by both API workers within a second (${STORE})`, async () => {
  const body = JSON.stringify({ ImageBase64: (await sharp(await shapesImage(64, 64)).png().toBuffer()).toString('base64') });
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

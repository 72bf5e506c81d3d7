import http from 'node:http';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { accounts, apiRequests, usageMonthly } from '@/db/schema';
import { ACTIONS } from './actions';
import { bmp24, shapesImage } from '@/server/engines/sample-images';
import { authorizationHeader, sha256Hex } from './tc3';
import { startTestApi, type TestApi, type TestCustomer } from './test-api';

// ≥ 2,000 malformed requests against the in-process server: every one must get a Tencent
// error envelope (HTTP 200, no InternalError), the server must stay up, and nothing may be
// metered. ImageUrl values only ever name loopback, private or non-HTTP targets.

const RUNS = 2_200;
let api: TestApi;
let customer: TestCustomer;
let validPng: Buffer;
let validJpeg: Buffer;

beforeAll(async () => {
  api = await startTestApi();
  customer = await api.customer();
  await transaction(api.db, async (tx) => {
    await tx.update(accounts).set({ qpsLimit: 1_000_000 }).where(eq(accounts.id, customer.accountId));
  });
  validPng = await shapesImage(96, 64);
  validJpeg = await shapesImage(96, 64, 'jpeg');
});
afterAll(() => api.close());

interface Fuzzed {
  method: string;
  path: string;
  action: string | null;
  version: string | null;
  auth: 'valid' | 'wrongKey' | 'unknownId' | 'expired' | 'garbage' | 'missing' | 'badTimestamp' | 'wrongService';
  contentType: string | null;
  body: Buffer;
}

const knownActions = Object.keys(ACTIONS);

function corruptImages(): fc.Arbitrary<Buffer> {
  const magic = fc.constantFrom(validPng.subarray(0, 8), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('BM'), Buffer.from('GIF89a'), Buffer.alloc(0));
  return fc.oneof(
    fc.tuple(magic, fc.uint8Array({ maxLength: 600 })).map(([m, rest]) => Buffer.concat([m, Buffer.from(rest)])),
    fc.nat({ max: validPng.length - 1 }).map((n) => validPng.subarray(0, n)),
    fc.nat({ max: 400 }).map((n) => validJpeg.subarray(0, n)),
    fc.tuple(fc.nat({ max: validPng.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const copy = Buffer.from(validPng);
      copy[i] ^= x; // every PNG chunk carries a CRC: any flipped byte must be refused
      return i < 8 ? Buffer.concat([Buffer.from('xx'), copy]) : copy;
    }),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).map(([w, h]) => bmp24(w, h, () => [1, 2, 3]).subarray(0, 54 + w)),
  );
}

/** Built once the sample images exist: the corruptions start from real files. */
function fuzzedRequests(): fc.Arbitrary<Fuzzed> {
  const imageUrl = fc.oneof(
    fc.constantFrom('file:///etc/passwd', 'ftp://127.0.0.1/a.png', 'http://127.0.0.1:1/a.png', 'http://localhost/a.png', 'http://10.0.0.1/a.png', 'http://169.254.169.254/', 'http://[::1]/x', 'gopher://x', 'not a url', ''),
    fc.string({ maxLength: 30 }),
  );

  const base64ish = fc.oneof(
    corruptImages().map((b) => b.toString('base64')),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('data:image/png;base64,AAAA', '====', 'AAA', '!!!!'),
    corruptImages().map((b) => `${b.toString('base64')}\n`),
  );

  const params = fc.record(
    {
      ImageBase64: fc.oneof(base64ish, fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
      ImageUrl: fc.oneof(imageUrl, fc.integer(), fc.boolean()),
      Width: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null)),
      Height: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), fc.string({ maxLength: 5 })),
      Scenes: fc.array(fc.constantFrom('PORN', 'POLITICS', 'TERRORISM', 'TEXT', 'X'), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  const body = fc.oneof(
    { weight: 12, arbitrary: params.map((p) => Buffer.from(JSON.stringify(p))) },
    { weight: 2, arbitrary: fc.string({ maxLength: 100 }).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  );

  return fc.record({
    method: fc.oneof({ weight: 10, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS') }),
    path: fc.oneof({ weight: 10, arbitrary: fc.constant('/') }, { weight: 1, arbitrary: fc.constantFrom('/?a=1', '/x', '//', '/%00') }),
    action: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...knownActions) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.constant(null) }),
    version: fc.oneof({ weight: 8, arbitrary: fc.constant('2019-05-29') }, { weight: 1, arbitrary: fc.constantFrom('2017-03-12', '', 'x') }, { weight: 1, arbitrary: fc.constant(null) }),
    auth: fc.oneof(
      { weight: 12, arbitrary: fc.constant('valid' as const) },
      { weight: 1, arbitrary: fc.constantFrom('wrongKey', 'unknownId', 'expired', 'garbage', 'missing', 'badTimestamp', 'wrongService') as fc.Arbitrary<Fuzzed['auth']> },
    ),
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-8') }, { weight: 1, arbitrary: fc.constant(null) }),
    body,
  });
}

function headersFor(f: Fuzzed): Record<string, string> {
  const host = api.endpoint;
  const nowS = Math.floor(Date.now() / 1000);
  const timestamp = f.auth === 'expired' ? nowS - 3600 : nowS;
  const headers: Record<string, string> = { Host: host, 'X-TC-Timestamp': f.auth === 'badTimestamp' ? 'soon' : String(timestamp) };
  if (f.action !== null) headers['X-TC-Action'] = f.action;
  if (f.version !== null) headers['X-TC-Version'] = f.version;
  if (f.contentType !== null) headers['Content-Type'] = f.contentType;
  if (f.auth === 'missing') return headers;
  if (f.auth === 'garbage') return { ...headers, Authorization: 'TC3-HMAC-SHA256 Credential=AKID/x' };
  headers.Authorization = authorizationHeader(f.auth === 'unknownId' ? 'AKIDnope' : customer.secretId, {
    secretKey: f.auth === 'wrongKey' ? 'k'.repeat(32) : customer.secretKey,
    timestamp,
    service: f.auth === 'wrongService' ? 'cvm' : 'tiia',
    method: f.method,
    path: f.path.split('?')[0],
    query: f.path.split('?')[1] ?? '',
    headers: [
      ['content-type', f.contentType ?? ''],
      ['host', host],
    ],
    payloadHash: sha256Hex(f.body),
  });
  return headers;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(f: Fuzzed): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: api.port, method: f.method, path: f.path, headers: { ...headersFor(f), 'Content-Length': f.body.length }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // An oversized body may be answered and the connection closed before it is all sent.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, text: '' }) : reject(err)));
    req.end(f.body);
  });
}

it(`answers ${RUNS} malformed requests with Tencent errors, never a 5xx, and meters nothing`, async () => {
  const codes = new Map<string, number>();
  let cutOff = 0;
  await fc.assert(
    fc.asyncProperty(fuzzedRequests(), async (f) => {
      const res = await send(f);
      if (res.status === -1) {
        cutOff++;
        return;
      }
      expect(res.status).toBe(200);
      const { Response } = JSON.parse(res.text);
      expect(Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Response.Error?.Code).toBeTypeOf('string');
      expect(Response.Error.Code).not.toBe('InternalError');
      codes.set(Response.Error.Code, (codes.get(Response.Error.Code) ?? 0) + 1);
    }),
    { numRuns: RUNS, seed: 20191205 },
  );
  // Over-size bodies are slow to build, so a few fixed ones rather than random hundreds.
  for (const size of [4_200_000, 4_500_000, 6_500_000, 9_000_000]) {
    const res = await send({ method: 'POST', path: '/', action: 'AssessQuality', version: '2019-05-29', auth: 'valid', contentType: 'application/json', body: Buffer.from(`{"ImageBase64":"${'A'.repeat(size)}"}`) });
    if (res.status === -1) cutOff++;
    else expect(JSON.parse(res.text).Response.Error.Code).toBe('LimitExceeded.TooLargeFileError');
  }
  expect(cutOff).toBeLessThan(5);
  expect(await api.db.select().from(apiRequests)).toEqual([]);
  expect(await api.db.select().from(usageMonthly)).toEqual([]);
  // Deep layers were reached, not only the signature check.
  for (const code of ['FailedOperation.ImageDecodeFailed', 'InvalidParameterValue', 'MissingParameter', 'UnsupportedOperation', 'InvalidAction', 'AuthFailure.SignatureFailure']) {
    expect(codes.get(code), code).toBeGreaterThan(0);
  }

  // Still up, and a well-formed request right after is served and metered once.
  const ok = await send({ method: 'POST', path: '/', action: 'AssessQuality', version: '2019-05-29', auth: 'valid', contentType: 'application/json', body: Buffer.from(JSON.stringify({ ImageBase64: validPng.toString('base64') })) });
  expect(JSON.parse(ok.text).Response.Error).toBeUndefined();
  expect(await api.db.select().from(apiRequests)).toHaveLength(1);
}, 60_000);

import { describe, expect, it } from 'vitest';
import type { KeyResolver, ResolvedKey } from '@/server/api-keys/key-resolver';
import { authenticate, type SignedRequest } from './authenticate';
import { authorizationHeader, sha256Hex } from './tc3';

const KEY: ResolvedKey = { id: 1, accountId: 7, secretId: 'AKIDexample0000000000000000000000000', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' };
const keys: KeyResolver = { resolve: (id) => (id === KEY.secretId ? KEY : null), markUsed: () => {}, refresh: async () => {} };
const NOW = 1_575_540_000_000;
const BODY = Buffer.from('{"ImageBase64":"AAAA"}');

function signed(opts: { host?: string; signedHost?: string; service?: string; timestamp?: number; secretKey?: string; body?: Buffer } = {}): SignedRequest {
  const host = opts.host ?? '127.0.0.1:3001';
  const timestamp = opts.timestamp ?? NOW / 1000;
  const authorization = authorizationHeader(KEY.secretId, {
    secretKey: opts.secretKey ?? KEY.secretKey,
    timestamp,
    service: opts.service ?? 'tiia',
    method: 'POST',
    path: '/',
    query: '',
    headers: [
      ['content-type', 'application/json'],
      ['host', opts.signedHost ?? host],
    ],
    payloadHash: sha256Hex(BODY),
  });
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: { authorization, 'content-type': 'application/json', host, 'x-tc-timestamp': String(timestamp) },
    body: opts.body ?? BODY,
  };
}

async function codeOf(req: SignedRequest, now = NOW): Promise<string> {
  try {
    await authenticate(req, keys, now);
    return 'OK';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('authenticate', () => {
  it('accepts the Host as sent and as the Node SDK signs it (without the port)', async () => {
    expect(await authenticate(signed(), keys, NOW)).toBe(KEY);
    expect(await codeOf(signed({ signedHost: '127.0.0.1' }))).toBe('OK');
    expect(await codeOf(signed({ host: 'api.example.com', signedHost: 'api.example.com' }))).toBe('OK');
  });

  it("accepts service 'tiia' or the Host's first label, nothing else", async () => {
    expect(await codeOf(signed({ service: '127' }))).toBe('OK');
    expect(await codeOf(signed({ host: 'api.example.com:3001', service: 'api' }))).toBe('OK');
    expect(await codeOf(signed({ service: 'cvm' }))).toBe('AuthFailure.SignatureFailure');
  });

  it('allows ±300 s of wall-clock skew', async () => {
    expect(await codeOf(signed(), NOW + 300_000)).toBe('OK');
    expect(await codeOf(signed(), NOW - 300_000)).toBe('OK');
    expect(await codeOf(signed(), NOW + 301_000)).toBe('AuthFailure.SignatureExpire');
    expect(await codeOf(signed(), NOW - 301_000)).toBe('AuthFailure.SignatureExpire');
  });

  it('refuses a wrong key, a changed body, an unknown SecretId and malformed headers', async () => {
    expect(await codeOf(signed({ secretKey: 'x'.repeat(32) }))).toBe('AuthFailure.SignatureFailure');
    expect(await codeOf(signed({ body: Buffer.from('{"ImageBase64":"BBBB"}') }))).toBe('AuthFailure.SignatureFailure');
    const req = signed();
    expect(await codeOf({ ...req, headers: { ...req.headers, authorization: String(req.headers.authorization).replace(KEY.secretId, 'AKIDother') } })).toBe('AuthFailure.SecretIdNotFound');
    expect(await codeOf({ ...req, headers: { ...req.headers, authorization: undefined } })).toBe('AuthFailure.InvalidAuthorization');
    expect(await codeOf({ ...req, headers: { ...req.headers, authorization: 'TC3-HMAC-SHA256 nonsense' } })).toBe('AuthFailure.InvalidAuthorization');
    expect(await codeOf({ ...req, headers: { ...req.headers, 'x-tc-timestamp': undefined } })).toBe('MissingParameter');
    expect(await codeOf({ ...req, headers: { ...req.headers, 'x-tc-timestamp': '1e9' } })).toBe('InvalidParameterValue');
  });

  it('requires the credential date to be the UTC date of the timestamp', async () => {
    const req = signed();
    const authorization = String(req.headers.authorization).replace(/\/\d{4}-\d{2}-\d{2}\//, '/2019-12-04/');
    expect(await codeOf({ ...req, headers: { ...req.headers, authorization } })).toBe('AuthFailure.SignatureFailure');
  });
});

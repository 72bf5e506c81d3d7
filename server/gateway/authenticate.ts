import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyResolver, ResolvedKey } from '@/server/api-keys/key-resolver';
import { apiError } from './messages';
import { parseAuthorization, sha256Hex, tc3Signature, utcDate, type Authorization } from './tc3';

/** Signatures older or newer than this (against the wall clock) are refused. */
export const SIGNATURE_WINDOW_S = 300;
export const SERVICE = 'tiia';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface SignedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** 'api.example.com:3001' → 'api.example.com'; '[::1]:3001' → '[::1]'. */
function withoutPort(host: string): string {
  return host.replace(/:\d+$/, '');
}

function sameSignature(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A request before its body is read. */
export type RequestHead = Omit<SignedRequest, 'body'>;

/** What the headers alone establish: a well-formed, fresh credential of a known key. */
export interface Credential {
  key: ResolvedKey;
  auth: Authorization;
  timestamp: number;
}

/**
 * Everything of TC3 that needs no body: the Authorization header's form, the timestamp
 * window (wall clock) and that the SecretId exists. Run before the body is read, so an
 * unsigned or stale request costs the server its headers only.
 */
export async function checkCredential(head: RequestHead, keys: KeyResolver, wallNowMs: number): Promise<Credential> {
  const authorization = header(head.headers, 'authorization');
  if (!authorization) throw apiError('missingAuthorization');
  const auth = parseAuthorization(authorization);
  if (!auth) throw apiError('malformedAuthorization');
  if (!auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('content-type')) throw apiError('signedHeadersIncomplete');
  const missing = auth.signedHeaders.find((name) => header(head.headers, name) === undefined);
  if (missing) throw apiError('signedHeaderAbsent', { name: missing });

  const rawTimestamp = header(head.headers, 'x-tc-timestamp');
  if (!rawTimestamp) throw apiError('missingTimestamp');
  if (!/^\d{1,12}$/.test(rawTimestamp)) throw apiError('badTimestamp');
  const timestamp = Number(rawTimestamp);
  if (Math.abs(wallNowMs / 1000 - timestamp) > SIGNATURE_WINDOW_S) throw apiError('signatureExpired', { seconds: SIGNATURE_WINDOW_S });
  if (auth.date !== utcDate(timestamp)) throw apiError('credentialDate');

  if (auth.service !== SERVICE && auth.service !== withoutPort(header(head.headers, 'host') ?? '').split('.')[0]) throw apiError('credentialService', { service: SERVICE });

  const key = await keys.resolve(auth.secretId);
  if (!key) throw apiError('secretIdNotFound');
  return { key, auth, timestamp };
}

/** Whether the request, its Host taken as `host`, carries the signature `credential` claims. */
function signedAs({ key, auth, timestamp }: Credential, req: SignedRequest, payloadHash: string, host: string): boolean {
  const signature = tc3Signature({
    secretKey: key.secretKey,
    timestamp,
    service: auth.service,
    method: req.method,
    path: req.path,
    query: req.query,
    headers: auth.signedHeaders.map((name) => [name, name === 'host' ? host : header(req.headers, name)!] as const),
    payloadHash,
  });
  return sameSignature(signature, auth.signature);
}

/** The body-dependent last step: the signature over method, path, query, headers and body. */
export function verifySignature(credential: Credential, req: SignedRequest): ResolvedKey {
  const host = header(req.headers, 'host') ?? '';
  // The SDKs' unsignedPayload option signs this word instead of the body (API 3.0 allows it).
  const unsigned = header(req.headers, 'x-tc-content-sha256') === UNSIGNED_PAYLOAD;
  const payloadHash = sha256Hex(unsigned ? UNSIGNED_PAYLOAD : req.body);
  if (signedAs(credential, req, payloadHash, host)) return credential.key;
  // Then without its port: the official Node SDK signs the URL's hostname even when the
  // Host header it sends carries a port.
  const bare = withoutPort(host);
  if (bare === host || !signedAs(credential, req, payloadHash, bare)) throw apiError('signatureMismatch');
  return credential.key;
}

/** Checks a TC3-HMAC-SHA256 request and returns the key that signed it. */
export async function authenticate(req: SignedRequest, keys: KeyResolver, wallNowMs: number): Promise<ResolvedKey> {
  return verifySignature(await checkCredential(req, keys, wallNowMs), req);
}

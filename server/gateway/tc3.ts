import { createHmac, hash } from 'node:crypto';

// TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0 (SPEC §8).

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface SignInput {
  secretKey: string;
  /** Unix seconds, as sent in X-TC-Timestamp. */
  timestamp: number;
  service: string;
  method: string;
  path: string;
  query: string;
  /** The signed headers, lower-case names in signing order, with their values. */
  headers: readonly (readonly [string, string])[];
  /** Hex SHA-256 of the body. */
  payloadHash: string;
}

/** One-shot: a Hash object per call cost about twice as much (bench/api/README.md, fifteenth round). */
export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

const DAY_S = 86_400;
/** The last day asked for: every request of a day asks about the same one, twice. */
let lastDay = { start: 0, date: '1970-01-01' };

/** 'YYYY-MM-DD' of a Unix-seconds timestamp in UTC: the date part of the credential scope. */
export function utcDate(timestamp: number): string {
  const start = Math.floor(timestamp / DAY_S) * DAY_S;
  if (start !== lastDay.start) lastDay = { start, date: new Date(start * 1000).toISOString().slice(0, 10) };
  return lastDay.date;
}

export function canonicalRequest(input: Omit<SignInput, 'secretKey' | 'timestamp' | 'service'>): string {
  let canonicalHeaders = '';
  let signedHeaders = '';
  for (const [name, value] of input.headers) {
    canonicalHeaders += `${name}:${value.trim().toLowerCase()}\n`;
    signedHeaders += signedHeaders === '' ? name : `;${name}`;
  }
  return `${input.method}\n${input.path}\n${input.query}\n${canonicalHeaders}\n${signedHeaders}\n${input.payloadHash}`;
}

/** SecretKeys whose signing key is kept; past this the cache starts over (a day's keys are few). */
const SIGNING_KEYS_KEPT = 4_096;
/**
 * Each SecretKey's signing key for the day and service it last signed: looked up by the
 * SecretKey string itself (the same string each request of a key brings, so its hash is
 * kept), not by an id built per request.
 */
const signingKeys = new Map<string, { date: string; service: string; key: Buffer }>();

/**
 * The day's signing key of a SecretKey and service: three HMACs that are the same for every
 * request signed with them that UTC day, so derived once. They were a third of the
 * signature's cost on the API's hot path (bench/api/README.md).
 */
function signingKey(secretKey: string, date: string, service: string): Buffer {
  const kept = signingKeys.get(secretKey);
  if (kept && kept.date === date && kept.service === service) return kept.key;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  if (!kept && signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.clear();
  signingKeys.set(secretKey, { date, service, key });
  return key;
}

/** Hex signature of a request; clients and the gateway compute it the same way. */
export function tc3Signature(input: SignInput): string {
  const date = utcDate(input.timestamp);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `${TC3_ALGORITHM}\n${input.timestamp}\n${scope}\n${sha256Hex(canonicalRequest(input))}`;
  return createHmac('sha256', signingKey(input.secretKey, date, input.service)).update(stringToSign).digest('hex');
}

export interface Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 +Credential=([^/, ]+)\/(\d{4}-\d{2}-\d{2})\/([^/, ]+)\/tc3_request, *SignedHeaders=([a-z0-9;_-]+), *Signature=([0-9a-f]{64})$/;

/** Parses an Authorization header; null when it is not a well-formed TC3 credential. */
export function parseAuthorization(header: string): Authorization | null {
  const m = AUTHORIZATION.exec(header.trim());
  if (!m) return null;
  return { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(';').filter(Boolean), signature: m[5] };
}

/** The Authorization header value for a signed request (used by the bench and tests). */
export function authorizationHeader(secretId: string, input: SignInput): string {
  const scope = `${utcDate(input.timestamp)}/${input.service}/tc3_request`;
  const signedHeaders = input.headers.map(([name]) => name).join(';');
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${tc3Signature(input)}`;
}

import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyResolver, ResolvedKey } from '@/server/api-keys/key-resolver';
import { ApiError } from './envelope';
import { parseAuthorization, sha256Hex, tc3Signature, utcDate } from './tc3';

/** Signatures older or newer than this (against the wall clock) are refused. */
export const SIGNATURE_WINDOW_S = 300;
export const SERVICE = 'tiia';

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

/**
 * The Host forms a client may have signed: as sent, and without the port (the official
 * Node SDK signs the URL's hostname even when the Host header it sends carries a port).
 */
function hostCandidates(host: string): string[] {
  const bare = withoutPort(host);
  return bare === host ? [host] : [host, bare];
}

function sameSignature(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Checks a TC3-HMAC-SHA256 request and returns the key that signed it. */
export async function authenticate(req: SignedRequest, keys: KeyResolver, wallNowMs: number): Promise<ResolvedKey> {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) throw new ApiError('AuthFailure.InvalidAuthorization', '缺少 Authorization 请求头');
  const auth = parseAuthorization(authorization);
  if (!auth) throw new ApiError('AuthFailure.InvalidAuthorization', 'Authorization 请求头不符合 TC3-HMAC-SHA256 规范');
  if (!auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('content-type')) {
    throw new ApiError('AuthFailure.InvalidAuthorization', 'SignedHeaders 必须包含 content-type 和 host');
  }
  const missing = auth.signedHeaders.find((name) => header(req.headers, name) === undefined);
  if (missing) throw new ApiError('AuthFailure.InvalidAuthorization', `签名头部 ${missing} 未随请求发送`);

  const rawTimestamp = header(req.headers, 'x-tc-timestamp');
  if (!rawTimestamp) throw new ApiError('MissingParameter', '缺少 X-TC-Timestamp 请求头');
  if (!/^\d{1,12}$/.test(rawTimestamp)) throw new ApiError('InvalidParameterValue', 'X-TC-Timestamp 必须是 Unix 秒级时间戳');
  const timestamp = Number(rawTimestamp);
  if (Math.abs(wallNowMs / 1000 - timestamp) > SIGNATURE_WINDOW_S) {
    throw new ApiError('AuthFailure.SignatureExpire', `签名已过期：X-TC-Timestamp 与服务器时间相差超过 ${SIGNATURE_WINDOW_S} 秒`);
  }
  if (auth.date !== utcDate(timestamp)) throw new ApiError('AuthFailure.SignatureFailure', 'Credential 中的日期与 X-TC-Timestamp 的 UTC 日期不一致');

  const host = header(req.headers, 'host') ?? '';
  const firstLabel = withoutPort(host).split('.')[0];
  if (auth.service !== SERVICE && auth.service !== firstLabel) {
    throw new ApiError('AuthFailure.SignatureFailure', `Credential 中的服务名必须是 ${SERVICE}`);
  }

  const key = await keys.resolve(auth.secretId);
  if (!key) throw new ApiError('AuthFailure.SecretIdNotFound', '密钥不存在或已被禁用');

  const payloadHash = sha256Hex(req.body);
  const signs = (hostValue: string) =>
    sameSignature(
      tc3Signature({
        secretKey: key.secretKey,
        timestamp,
        service: auth.service,
        method: req.method,
        path: req.path,
        query: req.query,
        headers: auth.signedHeaders.map((name) => [name, name === 'host' ? hostValue : header(req.headers, name)!] as const),
        payloadHash,
      }),
      auth.signature,
    );
  if (!hostCandidates(host).some(signs)) throw new ApiError('AuthFailure.SignatureFailure', '签名校验失败，请检查 SecretKey 和签名方法');
  return key;
}

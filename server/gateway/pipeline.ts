import { decodeImage } from '@/server/engines/decode';
import { actionHandler } from './actions';
import { checkCredential, verifySignature, type RequestHead } from './authenticate';
import type { Gateway } from './gateway';
import { readImageParam } from './image-input';
import { LEGACY_MAX_BODY_BYTES, legacyFormFields, legacySignature, type LegacyRequest } from './legacy-signature';
import { apiError, type Language } from './messages';
import { MAX_BODY_BYTES } from './read-body';
import { jsonParams, queryParams } from './request-params';

export const API_VERSION = '2019-05-29';
/** API 3.0 refuses a GET request over 32 KB (its request structure); its parameters are all in the URL. */
export const MAX_GET_BYTES = 32 * 1024;

/** What a request got as far as the gateway knows: for the answer and the log line. */
export interface CallContext {
  requestId: string;
  accountId: number | null;
  action: string | null;
  /** The SecretId that signed it, once verified (for 请求日志). */
  secretId?: string;
  /** `performance.now()` when the request arrived: the start of its logged latency. */
  receivedAt: number;
  /** The language of an error answer; a v1 form body may still change it (its Language field). */
  language: Language;
}

/** Reads the body, refusing it past `maxBytes`. */
export type BodyReader = (maxBytes: number) => Promise<Buffer>;

function header(req: RequestHead, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const V1_METHODS = new Set(['HmacSHA1', 'HmacSHA256']);

/** Refuses a v1-signed request; its message names the method it used, in its language. */
async function refuseLegacy(head: RequestHead, legacy: LegacyRequest, readBody: BodyReader, ctx: CallContext): Promise<never> {
  let { method, action } = legacy;
  if (legacy.fieldsIn === 'body') {
    const fields = legacyFormFields(await readBody(LEGACY_MAX_BODY_BYTES));
    method = fields.method ?? method;
    action = fields.action;
    if (!head.headers['x-tc-language'] && fields.language === 'en-US') ctx.language = 'en-US';
  }
  ctx.action = action?.slice(0, 64) ?? null;
  throw apiError('legacySignature', { method: V1_METHODS.has(method) ? method : 'HmacSHA1' });
}

/**
 * One API call, SPEC §8 and the architecture's order: method and size → signature method →
 * credential from the headers (form, wall-clock window, known SecretId) → body → signature
 * → action → activated → rate limit → arrears → image → engine → meter. Resolves with the
 * response fields only once the call is safe from a crash: journaled, or (an account in
 * arrears, which billing may still refuse) metered. Any refusal throws and writes nothing.
 */
export async function runCall(gw: Gateway, head: RequestHead, readBody: BodyReader, ctx: CallContext): Promise<object> {
  if (head.method !== 'GET' && head.method !== 'POST') throw apiError('unsupportedMethod');
  const isGet = head.method === 'GET';
  const urlBytes = head.path.length + head.query.length + 1;
  if (isGet && urlBytes > MAX_GET_BYTES) throw apiError('requestTooLarge', { method: 'GET', kb: MAX_GET_BYTES / 1024 });

  const legacy = legacySignature(head);
  if (legacy) return refuseLegacy(head, legacy, readBody, ctx);

  const action = header(head, 'x-tc-action');
  if (!action) throw apiError('missingActionHeader');
  ctx.action = action.slice(0, 64);

  const credential = await checkCredential(head, gw.keys, gw.wallNow());
  // Only now, with a fresh credential of a known key, is the body worth reading.
  const body = await readBody(isGet ? MAX_GET_BYTES - urlBytes : MAX_BODY_BYTES);
  const key = verifySignature(credential, { ...head, body });
  ctx.accountId = key.accountId;
  ctx.secretId = key.secretId;

  const version = header(head, 'x-tc-version');
  if (!version) throw apiError('missingVersionHeader');
  if (version !== API_VERSION) throw apiError('unsupportedVersion', { version: version.slice(0, 32), expected: API_VERSION });

  const handler = actionHandler(action);
  if (!handler) throw apiError('unknownAction', { action: ctx.action });

  const at = gw.appNow();
  gw.keys.markUsed(key, at);
  const account = await gw.accountGate(key.accountId);
  if (!account) throw apiError('secretIdNotFound');
  if (!account.activated) throw apiError('notActivated');
  const qps = account.qpsLimit ?? gw.defaultQps;
  // A remote limiter answers with a promise (and a promise is truthy): await only that, so
  // the in-process limiter and known refusals cost no extra event-loop turn.
  const acquired = gw.limiter.tryAcquire(`${key.accountId}:${action}`, qps);
  if (!(typeof acquired === 'boolean' ? acquired : await acquired)) throw apiError('rateLimited', { qps });

  const params = isGet ? queryParams(head.query) : jsonParams(body);
  const call = handler.prepare(params.values, { gallery: gw.gallery, encoding: params.encoding });
  // Only an account in arrears can be refused by metering; look before the engine works.
  if (account.inArrears && !(await gw.canMeter({ accountId: key.accountId, calls: call.calls, at }))) throw apiError('inArrears');
  const image = await decodeImage(await readImageParam(params.values, gw.fetchImage));
  const fields = await call.run(image);
  await gw.meter({ requestId: ctx.requestId, accountId: key.accountId, action, calls: call.calls, at, secretId: key.secretId, receivedAt: ctx.receivedAt, refusable: account.inArrears });
  return fields;
}

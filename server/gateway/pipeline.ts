import { decodeImage } from '@/server/engines/decode';
import { actionHandler } from './actions';
import { authenticate, type SignedRequest } from './authenticate';
import { ApiError } from './envelope';
import type { Gateway } from './gateway';
import { readImageParam } from './image-input';

export const API_VERSION = '2019-05-29';

/** What a request got as far as the gateway knows: for the answer and the log line. */
export interface CallContext {
  requestId: string;
  accountId: number | null;
  action: string | null;
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseParams(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let params: unknown;
  try {
    params = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('InvalidParameter', '请求包体不是有效的 JSON');
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new ApiError('InvalidParameter', '请求包体必须是 JSON 对象');
  return params as Record<string, unknown>;
}

/**
 * One API call, SPEC §8 and the architecture's order: authenticate (wall clock) → action →
 * activated → rate limit → arrears → image → engine → meter. Resolves with the response
 * fields only after the metering transaction committed; any refusal throws and writes nothing.
 */
export async function runCall(gw: Gateway, req: SignedRequest, ctx: CallContext): Promise<object> {
  if (req.method !== 'POST') throw new ApiError('UnsupportedProtocol', '仅支持 POST 请求');
  const action = header(req, 'x-tc-action');
  if (!action) throw new ApiError('MissingParameter', '缺少 X-TC-Action 请求头');
  ctx.action = action.slice(0, 64);

  const key = await authenticate(req, gw.keys, gw.wallNow());
  ctx.accountId = key.accountId;
  const version = header(req, 'x-tc-version');
  if (!version) throw new ApiError('MissingParameter', '缺少 X-TC-Version 请求头');
  if (version !== API_VERSION) throw new ApiError('InvalidParameterValue', `不支持的 Version ${version.slice(0, 32)}，应为 ${API_VERSION}`);

  const handler = actionHandler(action);
  if (!handler) throw new ApiError('InvalidAction', `接口 ${ctx.action} 不存在`);

  const at = gw.appNow();
  gw.keys.markUsed(key, at);
  const account = await gw.accountGate(key.accountId);
  if (!account) throw new ApiError('AuthFailure.SecretIdNotFound', '密钥不存在或已被禁用');
  if (!account.activated) throw new ApiError('FailedOperation.UnOpenError', '图像分析服务尚未开通，请先在控制台开通');
  if (!gw.limiter.tryAcquire(`${key.accountId}:${action}`, account.qpsLimit ?? gw.defaultQps)) {
    throw new ApiError('RequestLimitExceeded', `请求频率超过限制（${account.qpsLimit ?? gw.defaultQps} 次/秒）`);
  }

  const params = parseParams(req.body);
  const call = handler.prepare(params, { gallery: gw.gallery });
  // Only an account in arrears can be refused by metering; look before the engine works.
  if (account.inArrears && !(await gw.canMeter({ accountId: key.accountId, calls: call.calls, at }))) {
    throw new ApiError('ResourceUnavailable.InArrears', '账户已欠费且没有可用的免费或预付费资源包，请充值后重试');
  }
  const image = await decodeImage(await readImageParam(params, gw.fetchImage));
  const fields = await call.run(image);
  await gw.meter({ requestId: ctx.requestId, accountId: key.accountId, action, calls: call.calls, at });
  return fields;
}

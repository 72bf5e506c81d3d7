import http from 'node:http';
import { errorEnvelope, newRequestId, successEnvelope } from './envelope';
import { toApiError } from './errors';
import type { Gateway } from './gateway';
import { runCall, type CallContext } from './pipeline';
import { readBody } from './read-body';

function send(res: http.ServerResponse, body: unknown, close: boolean) {
  const json = JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) };
  if (close) headers.Connection = 'close';
  res.writeHead(200, headers);
  res.end(json);
}

async function answer(gw: Gateway, req: http.IncomingMessage, ctx: CallContext): Promise<object> {
  const [path, query = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
  const body = await readBody(req);
  return runCall(gw, { method: req.method ?? '', path, query, headers: req.headers, body }, ctx);
}

/**
 * The Tencent Cloud API 3.0 endpoint. Like the original it answers HTTP 200 for errors too,
 * with Response.Error; every answer is logged with its RequestId, account, action,
 * outcome and latency.
 */
export function createApiServer(gw: Gateway): http.Server {
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const ctx: CallContext = { requestId: newRequestId(), accountId: null, action: null };
    const finish = (outcome: string, body: unknown, close = false) => {
      send(res, body, close);
      gw.log({ ...ctx, outcome, latencyMs: Math.round((performance.now() - started) * 10) / 10 });
    };
    answer(gw, req, ctx).then(
      (fields) => finish('OK', successEnvelope(ctx.requestId, fields)),
      (err: unknown) => {
        const apiError = toApiError(err);
        if (apiError) return finish(apiError.code, errorEnvelope(ctx.requestId, apiError.code, apiError.message), !req.complete);
        console.error('[api] internal error', ctx.requestId, err);
        finish('InternalError', errorEnvelope(ctx.requestId, 'InternalError', '内部错误，请稍后重试'), !req.complete);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return server;
}

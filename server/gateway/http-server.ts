import http from 'node:http';
import { ApiError, errorEnvelope, newRequestId, successEnvelope } from './envelope';
import { toApiError } from './errors';
import type { Gateway } from './gateway';
import { apiError, localizedMessage, requestLanguage } from './messages';
import { runCall, type CallContext } from './pipeline';
import { MAX_BODY_BYTES, readBody } from './read-body';
import { OK_OUTCOME } from './request-log';

/** Connection bounds of the API port (README, "Limits"). */
export const SERVER_LIMITS = {
  /** Sockets open at once; more are closed on accept. */
  maxConnections: 1_024,
  /** The whole header block must arrive within this. */
  headersTimeoutMs: 20_000,
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: 30_000,
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: 65_000,
  /** Request line plus headers: room for a 32 KB GET (MAX_GET_BYTES) and its headers. */
  maxHeaderBytes: 48 * 1024,
} as const;

/** The Node SDK reads X-TC-TraceId back into its errors; a well-formed one is echoed. */
function traceId(req: http.IncomingMessage): string | undefined {
  const value = req.headers['x-tc-traceid'];
  return typeof value === 'string' && /^[\w-]{1,64}$/.test(value) ? value : undefined;
}

function send(res: http.ServerResponse, body: unknown, extra: http.OutgoingHttpHeaders) {
  const json = JSON.stringify(body);
  // Exactly application/json: the Python SDK reads an error envelope under no other type.
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), ...extra });
  res.end(json);
}

function requestHead(req: http.IncomingMessage) {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return { method: req.method ?? '', path: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q + 1), headers: req.headers };
}

/** The Language a GET request may carry in its query (most requests have no query at all). */
const queryLanguage = (query: string) => (query === '' ? null : new URLSearchParams(query).get('Language'));

// The handler's helpers are functions of this module, not closures named inside it: tsx
// runs the server through esbuild with keepNames, which wraps every named closure in an
// Object.defineProperty call, ≈ 0.7 µs each time one is made (bench/api/README.md,
// seventeenth round).

/** Sends a call's answer and logs it; `outcome` is OK_OUTCOME or the code of the error it carries. */
function answer(gw: Gateway, req: http.IncomingMessage, res: http.ServerResponse, ctx: CallContext, outcome: string, body: unknown) {
  const extra: http.OutgoingHttpHeaders = {};
  // A body left unread (refused before it was needed) is answered at once. Node then
  // discards what is left of it, unbuffered, so a client still sending it gets the
  // answer and keeps its connection; a body of unknown or oversized length is not
  // waited for: the connection closes after the answer.
  if (!req.complete && !(Number(req.headers['content-length']) <= MAX_BODY_BYTES)) extra.Connection = 'close';
  const trace = traceId(req);
  if (trace) extra['X-TC-TraceId'] = trace;
  send(res, body, extra);
  gw.log({ requestId: ctx.requestId, accountId: ctx.accountId, action: ctx.action, secretId: ctx.secretId, outcome, latencyMs: Math.round((performance.now() - ctx.receivedAt) * 10) / 10 });
}

/** What a failed call is answered with: its own refusal, or InternalError for anything unforeseen. */
function refusal(err: unknown, ctx: CallContext): ApiError {
  const known = toApiError(err);
  if (known) return known;
  console.error('[api] internal error', ctx.requestId, err);
  return apiError('internalError');
}

/**
 * The Tencent Cloud API 3.0 endpoint. Like the original it answers HTTP 200 for errors too,
 * with Response.Error (both SDKs treat any other status as a network failure); every
 * answer is logged with its RequestId, account, action, outcome and latency.
 */
export function createApiServer(gw: Gateway): http.Server {
  const server = http.createServer({ maxHeaderSize: SERVER_LIMITS.maxHeaderBytes }, (req, res) => {
    const head = requestHead(req);
    const ctx: CallContext = {
      receivedAt: performance.now(),
      requestId: newRequestId(),
      accountId: null,
      action: null,
      language: requestLanguage(req.headers, queryLanguage(head.query)),
    };
    runCall(gw, head, (maxBytes) => readBody(req, maxBytes), ctx).then(
      (fields) => answer(gw, req, res, ctx, OK_OUTCOME, successEnvelope(ctx.requestId, fields)),
      (err: unknown) => {
        const refused = refusal(err, ctx);
        answer(gw, req, res, ctx, refused.code, errorEnvelope(ctx.requestId, refused.code, localizedMessage(refused, ctx.language)));
      },
    );
  });
  server.maxConnections = SERVER_LIMITS.maxConnections;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = SERVER_LIMITS.requestTimeoutMs;
  return server;
}

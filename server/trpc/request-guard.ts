import { MAX_BATCH } from '@/lib/trpc-batch';
import { forwarded, isHttps } from '@/server/web/forwarded';

// What /api/trpc refuses before tRPC parses a body or any procedure runs.
//
// Cross-site requests: SameSite=Lax keeps the cookie off cross-site POSTs in today's
// browsers, but that is one browser feature between a stranger's page and 开通 or a new API
// key. So every POST must be JSON (a cross-site form can only send form encodings and
// text/plain without a CORS preflight, which this server never grants) and same-origin:
// `Sec-Fetch-Site: same-origin` when the browser sends it (every current one does), else an
// `Origin` equal to the console's own. A POST with neither header is refused too: browsers
// send at least one of them on every POST, so only a non-browser client lacks both, and it
// can add one.
//
// Sign-in guesses: a batch may carry at most MAX_BATCH calls, and an `auth.*` call only
// travels alone, so one request is one guess.

const ENDPOINT = '/api/trpc/';

export interface Refusal {
  status: 400 | 403;
  message: string;
}

/** The origin the browser shows for this console: behind a TLS proxy, its forwarded form. */
function ownOrigin(req: Request): string | null {
  const host = forwarded(req, 'x-forwarded-host') ?? forwarded(req, 'host') ?? new URL(req.url).host;
  try {
    return new URL(`${isHttps(req) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}

function isSameOrigin(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = req.headers.get('origin');
  return origin !== null && origin !== 'null' && origin === ownOrigin(req);
}

function isJson(req: Request): boolean {
  return req.headers.get('content-type')?.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** The procedure paths a request names, split as tRPC splits them (undecoded). */
export function procedurePaths(req: Request): string[] {
  const { pathname } = new URL(req.url);
  return pathname.startsWith(ENDPOINT) ? pathname.slice(ENDPOINT.length).split(',') : [];
}

export function refusal(req: Request): Refusal | null {
  if (req.method === 'POST') {
    if (!isJson(req)) return { status: 403, message: '请求被拒绝：仅接受 application/json 请求' };
    if (!isSameOrigin(req)) return { status: 403, message: '请求被拒绝：不接受跨站请求' };
  }
  const paths = procedurePaths(req);
  if (paths.length > MAX_BATCH) return { status: 400, message: `请求被拒绝：一次最多批量调用 ${MAX_BATCH} 个接口` };
  if (paths.length > 1 && paths.some((p) => p.startsWith('auth.'))) return { status: 400, message: '请求被拒绝：登录、注册接口不能批量调用' };
  return null;
}

const RPC_CODES = { 400: ['BAD_REQUEST', -32600], 403: ['FORBIDDEN', -32003] } as const;

/**
 * The refusal as the tRPC client reads an error (superjson-wrapped, one per call of a
 * batch), so the page shows the message rather than a parse failure.
 */
export function refusalResponse(req: Request, { status, message }: Refusal): Response {
  const [code, rpcCode] = RPC_CODES[status];
  const error = { json: { message, code: rpcCode, data: { code, httpStatus: status, domainCode: null, fieldErrors: null } } };
  const batch = new URL(req.url).searchParams.get('batch') === '1';
  const body = batch ? procedurePaths(req).map(() => ({ error })) : { error };
  return Response.json(body, { status });
}

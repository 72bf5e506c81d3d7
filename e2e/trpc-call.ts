import type { APIRequestContext } from '@playwright/test';

/** What a procedure answered, as the browser's tRPC client would see it (superjson unwrapped). */
export interface TrpcAnswer<T> {
  status: number;
  data: T;
  error: { message: string; code: string; domainCode: string | null } | null;
}

interface TrpcBody {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; data: { code: string; domainCode: string | null } } };
}

async function unwrap<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<TrpcAnswer<T>> {
  const body = (await res.json()) as TrpcBody;
  if (body.error) {
    const e = body.error.json;
    return { status: res.status(), data: undefined as T, error: { message: e.message, code: e.data.code, domainCode: e.data.domainCode } };
  }
  return { status: res.status(), data: body.result!.data.json as T, error: null };
}

/**
 * What the browser's own fetch sends and the server requires of every POST (a request
 * context sends neither it nor an Origin on its own).
 */
export const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' };

/**
 * Calls a procedure with the page's session cookie, for what a spec sets up outside the
 * page under test (a top-up) or checks the server refuses on its own (another account's
 * order). `request` is `page.request` of a signed-in page.
 */
export async function trpcMutation<T = unknown>(request: APIRequestContext, path: string, input: unknown = null): Promise<TrpcAnswer<T>> {
  return unwrap<T>(await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: SAME_ORIGIN }));
}

export async function trpcQuery<T = unknown>(request: APIRequestContext, path: string, input?: unknown): Promise<TrpcAnswer<T>> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return unwrap<T>(await request.get(`/api/trpc/${path}${query}`));
}

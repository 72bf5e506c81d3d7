import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys, apiRequests } from '@/db/schema';
import { notFound } from '@/db/not-found';
import type { SecretBox } from '@/server/api-keys/secret-box';
import { signer } from '@/server/gateway/client-signer';

// 在线调试: the console sends the customer's request to the real API server, signed with
// one of the account's own keys, so it is authenticated, rate-limited and metered exactly
// like a call from an SDK. Nothing is short-circuited inside this process.

export interface ExplorerCall {
  accountId: number;
  keyId: number;
  action: string;
  params: Record<string, unknown>;
}

export interface ExplorerAnswer {
  /** The API's whole answer, `{ Response: … }`. */
  response: unknown;
  requestId: string | null;
  latencyMs: number;
  /** Read back from api_requests (the billing truth) by RequestId, once metered: 0 for a refused call. */
  calls: number;
}

export async function sendExplorerCall(db: Db, box: SecretBox, apiUrl: URL, call: ExplorerCall): Promise<ExplorerAnswer> {
  const [key] = await db
    .select({ secretId: apiKeys.secretId, secretKeyEnc: apiKeys.secretKeyEnc })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, call.keyId), eq(apiKeys.accountId, call.accountId)))
    .limit(1);
  if (!key) throw notFound('密钥');
  const secretKey = box.open(key.secretKeyEnc, key.secretId);
  const body = JSON.stringify(call.params);
  // fetch sets Host from the URL itself (the same value the signature covers).
  const headers = { ...signer({ secretId: key.secretId, secretKey }, apiUrl.host, call.action, body)() };
  delete headers.Host;
  const started = performance.now();
  const res = await fetch(new URL('/', apiUrl), { method: 'POST', headers, body });
  const response = (await res.json()) as { Response?: { RequestId?: string } };
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const requestId = response.Response?.RequestId ?? null;
  const answered = requestId !== null && (response.Response as { Error?: unknown }).Error === undefined;
  return { response, requestId, latencyMs, calls: answered ? await meteredCalls(db, requestId) : 0 };
}

/** A successful call's metered calls, once its API process has metered its journal (METER_JOURNAL_MS; longer if that process died). */
async function meteredCalls(db: Db, requestId: string): Promise<number> {
  const deadline = Date.now() + METERED_WITHIN_MS;
  for (;;) {
    const [metered] = await db.select({ calls: apiRequests.calls }).from(apiRequests).where(eq(apiRequests.requestId, requestId)).limit(1);
    if (metered || Date.now() > deadline) return metered?.calls ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How long the answer waits for a successful call's metering row: a journal adopted after a crash takes a few seconds. */
const METERED_WITHIN_MS = 5_000;

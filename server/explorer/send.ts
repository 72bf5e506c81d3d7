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
  /** Read back from api_requests (the billing truth) by RequestId: 0 for a refused call. */
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
  // The API answers only after the metering transaction committed: the row is there now.
  const [metered] = requestId ? await db.select({ calls: apiRequests.calls }).from(apiRequests).where(eq(apiRequests.requestId, requestId)).limit(1) : [];
  return { response, requestId, latencyMs, calls: metered?.calls ?? 0 };
}

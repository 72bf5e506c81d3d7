import type { APIRequestContext } from '@playwright/test';
import { signer, type Credentials } from '../server/gateway/client-signer';

export interface ApiAnswer {
  Response: Record<string, unknown> & { RequestId: string; Error?: { Code: string; Message: string } };
}

/** A TC3-signed call to the API server under test, as a customer's SDK sends it. */
export async function signedCall(request: APIRequestContext, apiHost: string, creds: Credentials, action: string, params: Record<string, unknown>): Promise<ApiAnswer> {
  const body = JSON.stringify(params);
  const headers = signer(creds, apiHost, action, body)();
  return (await request.post(`http://${apiHost}/`, { data: body, headers })).json() as Promise<ApiAnswer>;
}

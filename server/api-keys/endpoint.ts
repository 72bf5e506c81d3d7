/** Where customers reach the API: API_PUBLIC_URL when the operator sets one, else this host's API_PORT. */
export function apiPublicUrl(env: Record<string, string | undefined> = process.env): URL {
  return new URL(env.API_PUBLIC_URL || `http://127.0.0.1:${env.API_PORT ?? 3001}`);
}

/** The two settings the official SDKs take: httpProfile.endpoint and httpProfile.protocol. */
export function sdkEndpoint(env: Record<string, string | undefined> = process.env): { endpoint: string; protocol: string } {
  const url = apiPublicUrl(env);
  return { endpoint: url.host, protocol: `${url.protocol}//` };
}

// What the browser used to reach the console, which a TLS proxy in front of `next start`
// reports in X-Forwarded-* headers. A browser cannot set these on a cross-site request
// (they are not CORS-safelisted), so trusting them decides nothing an attacker controls.

/** The first (client-side) value of a header each proxy hop may have appended to. */
export function forwarded(req: Request, name: string): string | null {
  return req.headers.get(name)?.split(',')[0].trim() || null;
}

export function isHttps(req: Request): boolean {
  return (forwarded(req, 'x-forwarded-proto') ?? new URL(req.url).protocol.replace(/:$/, '')) === 'https';
}

// The client's address, for the per-address sign-in throttle. Route handlers under
// `next start` do not see the socket; Next's own server fills X-Forwarded-For with the
// socket address only when the request carries none (base-server.js: `??=`), and keeps
// what a client or proxy sent otherwise. So the trusted entry is the one the nearest
// trusted hop wrote: with TRUST_PROXY=n proxies that each append the address they saw
// (nginx $proxy_add_x_forwarded_for), the n-th from the end. Served directly (n=1 as
// well: the last entry), a client that sends its own header names any address it likes;
// then only the per-e-mail count holds, which docs/security.md says.

/** How many hops from the end of X-Forwarded-For the client address is written (TRUST_PROXY, default 1). */
export function trustedHops(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TRUST_PROXY ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The client address of a request, or null when no entry stands at the trusted position. */
export function clientAddress(req: Request, hops = trustedHops()): string | null {
  const chain = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return chain.length >= hops ? chain[chain.length - hops] : null;
}

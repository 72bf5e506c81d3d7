// The headers every console response carries (set by proxy.ts).
//
// Scripts: a fresh nonce per response, which Next.js reads from the request's CSP header
// and puts on its own inline and bundle scripts; 'strict-dynamic' lets those load their
// chunks. So no injected <script> runs, and nothing but the console can frame it
// (frame-ancestors, clickjacking on 开通 or 充值). Styles keep 'unsafe-inline': React
// renders style="" attributes (charts) and the toast library adds a <style> element; a
// style cannot run code, and a nonce cannot cover attributes.

export interface HeaderInput {
  /** A fresh nonce for a page; null for /api, whose JSON needs no sources at all. */
  nonce: string | null;
  /** The browser reached the console over https (directly or through a TLS proxy). */
  https: boolean;
  /** `next dev`: React's dev tools need eval. */
  dev: boolean;
}

function pagePolicy(nonce: string, https: boolean, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // https: for 在线调试, which draws the answer's boxes on the picture the customer named
    // by URL; a picture can run nothing, and the page asks it with no Referer.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (a local npm start) an upgrade would break every asset.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders({ nonce, https, dev }: HeaderInput): Record<string, string> {
  return {
    'Content-Security-Policy': nonce === null ? "default-src 'none'; frame-ancestors 'none'" : pagePolicy(nonce, https, dev),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    // Only what came over https may pin https (browsers ignore it over http anyway), and a
    // console served over plain http must stay reachable.
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

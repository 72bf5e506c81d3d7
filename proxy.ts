import { NextResponse, type NextRequest } from 'next/server';
import { isHttps } from '@/server/web/forwarded';
import { securityHeaders } from '@/server/web/security-headers';

// Security headers on every response of the console, pages and /api alike; the policy is
// in server/web/security-headers.ts, what it allows in docs/security.md.
export function proxy(request: NextRequest) {
  const page = !request.nextUrl.pathname.startsWith('/api/');
  const nonce = page ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64') : null;
  const headers = securityHeaders({ nonce, https: isHttps(request), dev: process.env.NODE_ENV === 'development' });
  // Next.js takes the nonce for its own scripts from the request's policy header.
  const requestHeaders = new Headers(request.headers);
  if (page) requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next(page ? { request: { headers: requestHeaders } } : undefined);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Hashed, immutable build assets need none of it.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

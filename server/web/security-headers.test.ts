import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('gives a page a nonce-based script policy that no other site may frame', () => {
    const h = securityHeaders({ nonce: 'abc', https: false, dev: false });
    expect(h['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h).not.toHaveProperty('Strict-Transport-Security');
  });

  it('adds HSTS and upgrade-insecure-requests over https only, eval in next dev only', () => {
    const h = securityHeaders({ nonce: 'abc', https: true, dev: true });
    expect(h['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(h['Content-Security-Policy']).toContain("'strict-dynamic' 'unsafe-eval';");
    expect(h['Content-Security-Policy']).toMatch(/; upgrade-insecure-requests$/);
  });

  it('allows /api nothing at all', () => {
    expect(securityHeaders({ nonce: null, https: false, dev: false })['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('proxy', () => {
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

  it('gives each page response a fresh nonce and hands the same policy to Next.js for its scripts', () => {
    const a = proxy(new NextRequest('http://127.0.0.1:3000/login'));
    const b = proxy(new NextRequest('http://127.0.0.1:3000/login'));
    const csp = a.headers.get('content-security-policy');
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(b.headers.get('content-security-policy'))).not.toBe(nonceOf(csp));
    // NextResponse.next({ request }) passes overridden request headers this way
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when a TLS proxy forwarded the request, and the API policy on /api', () => {
    const res = proxy(new NextRequest('http://127.0.0.1:3000/api/trpc/auth.me', { headers: { 'x-forwarded-proto': 'https' } }));
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBeNull();
  });
});

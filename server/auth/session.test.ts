import { describe, expect, it } from 'vitest';
import { readCookie, secureCookies, sessionCookie } from './session';

describe('readCookie', () => {
  it('reads a value among others, percent-decoded', () => {
    expect(readCookie('a=1; iac_session=abc%2Bd; b=2', 'iac_session')).toBe('abc+d');
    expect(readCookie('a=1', 'iac_session')).toBeUndefined();
    expect(readCookie(null, 'iac_session')).toBeUndefined();
  });

  it.each(['%E0%A4%A', '%', '%ZZ', '%C0%80'])('treats the malformed %s as no cookie (signed out), not an error', (value) => {
    expect(readCookie(`iac_session=${value}; other=1`, 'iac_session')).toBeUndefined();
  });
});

describe('secureCookies', () => {
  const http = new Request('http://127.0.0.1:3000/api/trpc/auth.signIn');
  const proxied = new Request('http://127.0.0.1:3000/api/trpc/auth.signIn', { headers: { 'x-forwarded-proto': 'https' } });

  it('is always Secure in production, unless COOKIE_SECURE=0 allows plain http', () => {
    expect(secureCookies(http, { NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBe(true);
    expect(secureCookies(http, { NODE_ENV: 'production', COOKIE_SECURE: '0' } as NodeJS.ProcessEnv)).toBe(false);
    expect(secureCookies(proxied, { NODE_ENV: 'production', COOKIE_SECURE: '0' } as NodeJS.ProcessEnv)).toBe(true);
  });

  it('elsewhere follows the scheme the browser used', () => {
    expect(secureCookies(http, { NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe(false);
    expect(secureCookies(proxied, { NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe(true);
  });

  it('puts the attribute on the cookie', () => {
    expect(sessionCookie('t', Date.now() + 60_000, true)).toMatch(/^iac_session=t; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(59|60); Secure$/);
  });
});

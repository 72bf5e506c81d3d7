import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb, testDbUrl } from '@/db/testing';
import { accounts, apiKeys, ledgerEntries, sessions, topUps, users } from '@/db/schema';
import { initClock, readClock } from '@/server/clock/app-clock';
import { startConsole, type ServerProcess } from '@/server/testing/server-process';

// The built console (`next start`, NODE_ENV=production, sandbox off) as a real deployment
// runs it, driven over HTTP the way a hostile page or script would: every refusal with its
// status and message, and the database unchanged after it. Needs `next build` first, so
// npm test runs it after the build (VITEST_BUILT=1), on SQLite and on PostgreSQL.

const PASSWORD = 'correct-horse-battery';
let db: Db;
let consoleServer: ServerProcess;
let origin: string;

async function freePort(): Promise<number> {
  const services = (await import(pathToFileURL(path.join(process.cwd(), 'scripts', 'services.mjs')).href)) as { freePort(): Promise<number> };
  return services.freePort();
}

async function waitUntilServing(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`console not serving ${url}; output:\n${consoleServer.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  db = await openTestDb();
  await initClock(db, { sandbox: false });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  consoleServer = startConsole(port, {
    ...process.env,
    NODE_ENV: 'production',
    SANDBOX_CLOCK: '0',
    DATABASE_URL: testDbUrl(db),
  });
  await waitUntilServing(`${origin}/login`);
}, 90_000);

afterAll(async () => {
  await consoleServer?.kill();
});

const JSON_SAME_ORIGIN = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

function call(procedure: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/trpc/${procedure}`, { method: 'POST', headers: { ...JSON_SAME_ORIGIN, ...headers }, body: JSON.stringify({ json: input }) });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string } } } }[] | { error?: { json: { message: string; data: { code: string } } } };
  const first = Array.isArray(body) ? body[0] : body;
  return { status: res.status, code: first.error?.json.data.code, message: first.error?.json.message };
}

async function signUp(email: string): Promise<{ cookie: string; setCookie: string }> {
  const res = await call('auth.signUp', { email, password: PASSWORD, confirmPassword: PASSWORD });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0], setCookie };
}

async function accountOf(email: string) {
  const [a] = await db
    .select({ id: accounts.id, cashFen: accounts.cashFen, activatedAt: accounts.activatedAt })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(eq(users.email, email));
  const [[t], [l], [k]] = await Promise.all([
    db.select({ n: count() }).from(topUps).where(eq(topUps.accountId, a.id)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, a.id)),
    db.select({ n: count() }).from(apiKeys).where(eq(apiKeys.accountId, a.id)),
  ]);
  return { cashFen: Number(a.cashFen), activated: a.activatedAt !== null, topUps: t.n, ledgerEntries: l.n, apiKeys: k.n };
}

const UNTOUCHED = { cashFen: 0, activated: false, topUps: 0, ledgerEntries: 0, apiKeys: 0 };

describe('a production console over HTTP', { timeout: 60_000 }, () => {
  it('sends CSP with frame-ancestors none, nosniff, a referrer policy and X-Frame-Options on pages and on /api; no HSTS over http', async () => {
    const page = await fetch(`${origin}/login`);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; /);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    // Next.js put the same nonce on its own scripts, so the page's scripts run under the policy.
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(await page.text()).toContain(`nonce="${nonce}"`);
    const api = await fetch(`${origin}/api/trpc/auth.me`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const res of [page, api]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('gives a session cookie that is HttpOnly, SameSite=Lax and Secure', async () => {
    const { setCookie } = await signUp('cookie@example.com');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/; Secure/i);
  });

  it('refuses cross-site and non-JSON mutations with 403 before any procedure runs: not activated, no key', async () => {
    const email = 'csrf@example.com';
    const { cookie } = await signUp(email);
    const form = new FormData();
    form.set('0', '{}');
    const attempts = [
      fetch(`${origin}/api/trpc/product.activate`, { method: 'POST', headers: { cookie }, body: form }),
      fetch(`${origin}/api/trpc/apiKeys.create`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: '{"json":{}}' }),
      call('product.activate', {}, { cookie, 'sec-fetch-site': 'cross-site' }),
      fetch(`${origin}/api/trpc/apiKeys.create`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"json":{}}' }),
      fetch(`${origin}/api/trpc/product.activate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"json":{}}' }),
    ];
    const refused = await Promise.all(attempts.map(async (a) => errorOf(await a)));
    expect(refused.map((r) => [r.status, r.code])).toEqual(Array(5).fill([403, 'FORBIDDEN']));
    expect(refused.map((r) => r.message)).toEqual([
      '请求被拒绝：仅接受 application/json 请求',
      '请求被拒绝：仅接受 application/json 请求',
      '请求被拒绝：不接受跨站请求',
      '请求被拒绝：不接受跨站请求',
      '请求被拒绝：不接受跨站请求',
    ]);
    expect(await accountOf(email)).toEqual(UNTOUCHED);
    // The same request from the console's own page goes through.
    expect((await call('product.activate', {}, { cookie })).status).toBe(200);
    expect((await accountOf(email)).activated).toBe(true);
  });

  it('lets no batch carry a sign-in guess, and no batch over the limit', async () => {
    const guesses = Array.from({ length: 20 }, () => ({ json: { email: 'cookie@example.com', password: 'guess' } }));
    const body = JSON.stringify(Object.fromEntries(guesses.map((g, i) => [i, g])));
    const batched = await fetch(`${origin}/api/trpc/${Array(20).fill('auth.signIn').join(',')}?batch=1`, { method: 'POST', headers: JSON_SAME_ORIGIN, body });
    expect(batched.status).toBe(400);
    const two = await fetch(`${origin}/api/trpc/auth.signIn,auth.signIn?batch=1`, { method: 'POST', headers: JSON_SAME_ORIGIN, body: JSON.stringify({ 0: guesses[0], 1: guesses[1] }) });
    expect(await errorOf(two)).toEqual({ status: 400, code: 'BAD_REQUEST', message: '请求被拒绝：登录、注册接口不能批量调用' });
  });

  it('treats a malformed session cookie as signed out: 401 from tRPC, the redirect to /login from a page', async () => {
    const cookie = 'iac_session=%E0%A4%A';
    expect(await errorOf(await fetch(`${origin}/api/trpc/auth.me`, { headers: { cookie } }))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const page = await fetch(`${origin}/`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    expect(new URL(page.headers.get('location')!, origin).pathname).toBe('/login');
  });

  it('refuses an online top-up (no provider in production) and a clock move, changing nothing', async () => {
    const email = 'money@example.com';
    const { cookie } = await signUp(email);
    expect(await errorOf(await call('account.topUp', { amount: '1000000', idempotencyKey: 'prod-built-0001' }, { cookie }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: '当前环境未开通在线支付，请通过对公转账充值，到账后由运营人员为您入账',
    });
    const before = await readClock(db);
    expect(await errorOf(await call('clock.advance', { to: '2099-01-01T00:00:00+08:00' }, { cookie }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await readClock(db)).offsetMs).toBe(before.offsetMs);
    expect(await accountOf(email)).toEqual(UNTOUCHED);
  });

  it('throttles sign-in guesses on the real server: the sixth attempt waits, even with the right password', async () => {
    const email = 'guessed@example.com';
    await signUp(email);
    const sessionsBefore = (await db.select({ n: count() }).from(sessions))[0].n;
    for (let i = 0; i < 5; i++) expect((await errorOf(await call('auth.signIn', { email, password: `wrong-${i}` }))).code).toBe('UNAUTHORIZED');
    const throttled = await errorOf(await call('auth.signIn', { email, password: PASSWORD }));
    expect(throttled).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(throttled.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    expect((await db.select({ n: count() }).from(sessions))[0].n).toBe(sessionsBefore);
  });
});

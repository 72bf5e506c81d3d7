import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { accounts, ledgerEntries, sessions, signInThrottle, topUps, users } from '@/db/schema';
import { initClock, readClock } from '@/server/clock/app-clock';
import { at } from '@/server/testing/fixtures';

// The refusals that make the console safe for real customers (SPEC §11), through the
// exported route handler as `next start` calls it: a production database (sandbox off)
// and a sandbox one, each refusal with its exact status and code, and nothing changed.
const production = await openTestDb();
await initClock(production, { sandbox: false });
const sandbox = await openTestDb();
await initClock(sandbox, { sandbox: true, start: at('2019-12-05T10:00:00+08:00') });
let active: Db = production;

vi.mock('server-only', () => ({}));
vi.mock('@/server/db', () => ({ getDb: () => active }));
// Counts password checks: a throttled attempt must not run the hash at all.
const passwordChecks = vi.hoisted(() => ({ n: 0 }));
vi.mock('@/server/auth/password', async (original) => {
  const real = await original<typeof import('@/server/auth/password')>();
  return { ...real, verifyPassword: (password: string, stored: string) => (passwordChecks.n++, real.verifyPassword(password, stored)) };
});
const { GET, POST } = await import('@/app/api/trpc/[trpc]/route');

const ORIGIN = 'http://console.test';
const HEADERS = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
const PASSWORD = 'correct-horse-battery';
const json = (input: unknown) => JSON.stringify({ json: input });

function post(path: string, input: unknown, headers: Record<string, string> = {}) {
  return POST(new Request(`${ORIGIN}/api/trpc/${path}`, { method: 'POST', body: json(input), headers: { ...HEADERS, ...headers } }));
}
const get = (path: string, cookie: string) => GET(new Request(`${ORIGIN}/api/trpc/${path}`, { headers: { cookie } }));

async function answer(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  return body.error
    ? { status: r.status, code: body.error.json.data.code, domainCode: body.error.json.data.domainCode, message: body.error.json.message }
    : { status: r.status, data: body.result.data.json };
}

async function signUp(email: string): Promise<string> {
  const res = await post('auth.signUp', { email, password: PASSWORD, confirmPassword: PASSWORD });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function moneyOf(db: Db, email: string) {
  const [account] = await db.select({ id: accounts.id, cashFen: accounts.cashFen }).from(accounts).innerJoin(users, eq(users.id, accounts.userId)).where(eq(users.email, email));
  const [[t], [l]] = await Promise.all([
    db.select({ n: count() }).from(topUps).where(eq(topUps.accountId, account.id)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, account.id)),
  ]);
  return { cashFen: account.cashFen, topUps: t.n, ledgerEntries: l.n };
}

const sessionCount = async (db: Db) => (await db.select({ n: count() }).from(sessions))[0].n;

describe('payments by mode', () => {
  it('in production account.topUp is FORBIDDEN (OnlinePaymentUnavailable): no money, no top-up row', async () => {
    active = production;
    const cookie = await signUp('prod-topup@example.com');
    expect(await answer(post('account.topUp', { amount: '1000000', idempotencyKey: 'attempt-0001' }, { cookie }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      domainCode: 'OnlinePaymentUnavailable',
      message: '当前环境未开通在线支付，请通过对公转账充值，到账后由运营人员为您入账',
    });
    expect(await moneyOf(production, 'prod-topup@example.com')).toEqual({ cashFen: 0, topUps: 0, ledgerEntries: 0 });
    const balances = await answer(get('account.balances', cookie));
    expect(balances.data).toMatchObject({ paymentProvider: null, bankTransfer: { account: '（未配置银行账号：BANK_TRANSFER_ACCOUNT）' } });
  });

  it('in sandbox mode a retried key answers the first top-up; the key with another amount is CONFLICT (IdempotencyKeyReused)', async () => {
    active = sandbox;
    const cookie = await signUp('key-reuse@example.com');
    const first = await answer(post('account.topUp', { amount: '1.00', idempotencyKey: 'attempt-0001' }, { cookie }));
    expect(first).toMatchObject({ status: 200, data: { amountFen: 100, status: 'succeeded' } });
    expect(await answer(post('account.topUp', { amount: '1.00', idempotencyKey: 'attempt-0001' }, { cookie }))).toEqual(first);
    expect(await answer(post('account.topUp', { amount: '2.00', idempotencyKey: 'attempt-0001' }, { cookie }))).toEqual({
      status: 409,
      code: 'CONFLICT',
      domainCode: 'IdempotencyKeyReused',
      message: '该充值请求标识已用于一笔 ¥1.00 的充值，请刷新页面后重新发起',
    });
    expect(await moneyOf(sandbox, 'key-reuse@example.com')).toEqual({ cashFen: 100, topUps: 1, ledgerEntries: 1 });
  });

  it('a top-up key named like a bank transfer’s (bank:…) is BAD_REQUEST: no top-up row, no money', async () => {
    active = sandbox;
    const cookie = await signUp('bank-key@example.com');
    const refused = await answer(post('account.topUp', { amount: '1.00', idempotencyKey: 'bank:BANK-20191205-01' }, { cookie }));
    expect(refused).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(refused.message).toContain('充值请求标识不正确');
    expect(await moneyOf(sandbox, 'bank-key@example.com')).toEqual({ cashFen: 0, topUps: 0, ledgerEntries: 0 });
  });
});

describe('the sandbox clock belongs to operators', () => {
  it('a customer’s clock.advance is FORBIDDEN and the clock does not move; clock.state shows no job runs', async () => {
    active = sandbox;
    const cookie = await signUp('customer-clock@example.com');
    const before = await readClock(sandbox);
    expect(await answer(post('clock.advance', { to: '2020-06-01T00:00:00+08:00' }, { cookie }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      domainCode: null,
      message: '无权操作：模拟时钟仅运营人员可以调整',
    });
    expect((await readClock(sandbox)).offsetMs).toBe(before.offsetMs);
    const state = await answer(get('clock.state', cookie));
    expect(Object.keys(state.data).sort()).toEqual(['canAdvance', 'now', 'recentRuns', 'sandbox']);
    expect(state.data).toMatchObject({ sandbox: true, canAdvance: false, recentRuns: null });
  });

  it('an operator moves it; in production even an operator is refused (FORBIDDEN, NOT_SANDBOX)', async () => {
    active = sandbox;
    const cookie = await signUp('operator-clock@example.com');
    await transaction(sandbox, (tx) => tx.update(users).set({ isOperator: true }).where(eq(users.email, 'operator-clock@example.com')));
    expect(await answer(post('clock.advance', { to: '2019-12-06T10:00:00+08:00' }, { cookie }))).toMatchObject({ status: 200 });
    expect((await answer(get('clock.state', cookie))).data).toMatchObject({ canAdvance: true, recentRuns: expect.any(Array) });

    active = production;
    const prodCookie = await signUp('operator-prod@example.com');
    await transaction(production, (tx) => tx.update(users).set({ isOperator: true }).where(eq(users.email, 'operator-prod@example.com')));
    expect(await answer(post('clock.advance', { to: '2099-01-01T00:00:00+08:00' }, { cookie: prodCookie }))).toMatchObject({
      status: 403,
      domainCode: 'NOT_SANDBOX',
    });
    expect((await readClock(production)).offsetMs).toBe(0);
  });
});

// Every sign-in runs scrypt; on a busy machine a handful of them outlast the default 5 s.
describe('sign-in throttling', { timeout: 60_000 }, () => {
  const signIn = (email: string, password: string, address: string) => answer(post('auth.signIn', { email, password }, { 'x-forwarded-for': address }));

  it('after 5 failures for an e-mail the next attempt is TOO_MANY_REQUESTS without a hash, even with the right password', async () => {
    active = production;
    await signUp('victim@example.com');
    const sessionsBefore = await sessionCount(production);
    for (let i = 0; i < 5; i++) expect(await signIn('victim@example.com', `guess-${i}`, `198.51.100.${i}`)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const checks = passwordChecks.n;
    expect(await signIn('victim@example.com', PASSWORD, '198.51.100.77')).toEqual({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      domainCode: 'TOO_MANY_ATTEMPTS',
      // 30 s from the fifth failure, less the (wall) time this test took since.
      message: expect.stringMatching(/^登录失败次数过多，请 ([12]\d|30) 秒后再试$/),
    });
    expect(passwordChecks.n).toBe(checks);
    expect(await sessionCount(production)).toBe(sessionsBefore);
  });

  it('counts per client address too: five e-mails guessed from one address block it, other addresses still sign in', async () => {
    active = production;
    await signUp('bystander@example.com');
    for (let i = 0; i < 5; i++) expect(await signIn(`nobody-${i}@example.com`, 'guess', '203.0.113.9')).toMatchObject({ status: 401 });
    const checks = passwordChecks.n;
    expect(await signIn('bystander@example.com', PASSWORD, '203.0.113.9')).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(passwordChecks.n).toBe(checks);
    expect(await signIn('bystander@example.com', PASSWORD, '192.0.2.1')).toMatchObject({ status: 200, data: { ok: true } });
    // The address is the last X-Forwarded-For entry (what the nearest hop saw), not the first.
    const [row] = await production.select().from(signInThrottle).where(eq(signInThrottle.key, 'ip:203.0.113.9'));
    expect(row.failures).toBe(5);
  });
});

describe('退出所有设备', { timeout: 60_000 }, () => {
  it('ends every session of the user, the asking one included, and no other user’s', async () => {
    active = production;
    const here = await signUp('everywhere@example.com');
    const there = (await post('auth.signIn', { email: 'everywhere@example.com', password: PASSWORD })).headers.get('set-cookie')!.split(';')[0];
    const other = await signUp('someone-else@example.com');
    expect(await answer(post('auth.signOutEverywhere', null, { cookie: here }))).toEqual({ status: 200, data: { ended: 2 } });
    expect((await answer(get('auth.me', here))).status).toBe(401);
    expect((await answer(get('auth.me', there))).status).toBe(401);
    expect(await answer(get('auth.me', other))).toMatchObject({ status: 200, data: { email: 'someone-else@example.com' } });
  });
});

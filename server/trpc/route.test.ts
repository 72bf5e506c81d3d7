import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rawRun } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { accounts, apiKeys, sessions, users } from '@/db/schema';
import { initClock } from '@/server/clock/app-clock';
import { at } from '@/server/testing/fixtures';

// The console's tRPC endpoint as Next calls it: the exported route handler, given Request
// objects, on a database of its own.
const db = await openTestDb();
await initClock(db, { sandbox: true, start: at('2019-12-05T10:00:00+08:00') });
vi.mock('server-only', () => ({}));
vi.mock('@/server/db', () => ({ getDb: () => db }));
const { GET, POST } = await import('@/app/api/trpc/[trpc]/route');

const ORIGIN = 'http://console.test';
const SAME = { 'sec-fetch-site': 'same-origin' };
const JSON_TYPE = { 'content-type': 'application/json' };
const PASSWORD = 'correct-horse-battery';

function post(path: string, body: string, headers: Record<string, string>) {
  return POST(new Request(`${ORIGIN}/api/trpc/${path}`, { method: 'POST', body, headers }));
}
const json = (input: unknown) => JSON.stringify({ json: input });

async function signUp(email: string): Promise<string> {
  const res = await post('auth.signUp', json({ email, password: PASSWORD, confirmPassword: PASSWORD }), { ...JSON_TYPE, ...SAME });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const accountOf = async (email: string) =>
  (await db.select({ id: accounts.id, activatedAt: accounts.activatedAt }).from(accounts).innerJoin(users, eq(users.id, accounts.userId)).where(eq(users.email, email)))[0];

async function refusal(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  const error = Array.isArray(body) ? body.map((b) => b.error.json) : body.error.json;
  return { status: r.status, error };
}

describe('/api/trpc refuses cross-site and non-JSON state changes before any procedure runs', () => {
  it('refuses what a foreign page can send, and nothing is activated or created', async () => {
    const cookie = await signUp('csrf@example.com');
    const cases: [string, Record<string, string>, string][] = [
      ['multipart form from another site', { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' }, '--x--\r\n'],
      ['text/plain, even same-origin', { 'content-type': 'text/plain', ...SAME }, json(null)],
      ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded', ...SAME }, 'json=null'],
      ['no content type', { ...SAME }, json(null)],
      ['JSON, cross-site', { ...JSON_TYPE, 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }, json(null)],
      ['JSON, same-site but another origin', { ...JSON_TYPE, 'sec-fetch-site': 'same-site', origin: 'http://other.console.test' }, json(null)],
      ['JSON, foreign Origin only', { ...JSON_TYPE, origin: 'https://evil.test' }, json(null)],
      ['JSON, Origin null', { ...JSON_TYPE, origin: 'null' }, json(null)],
      ['JSON, neither header', { ...JSON_TYPE }, json(null)],
    ];
    for (const [what, headers, body] of cases) {
      for (const path of ['product.activate', 'apiKeys.create']) {
        const { status, error } = await refusal(post(path, body, { ...headers, cookie }));
        expect({ what, path, status, code: error.data.code }).toEqual({ what, path, status: 403, code: 'FORBIDDEN' });
        expect(error.message).toMatch(/^请求被拒绝：(仅接受 application\/json 请求|不接受跨站请求)$/);
      }
    }
    const account = await accountOf('csrf@example.com');
    expect(account.activatedAt).toBeNull();
    expect(await db.select().from(apiKeys).where(eq(apiKeys.accountId, account.id))).toEqual([]);
  });

  it("accepts the console's own JSON requests: Sec-Fetch-Site same-origin, or a matching Origin", async () => {
    const cookie = await signUp('own@example.com');
    const res = await post('product.activate', json(null), { ...JSON_TYPE, origin: ORIGIN, cookie });
    expect(res.status).toBe(200);
    expect((await accountOf('own@example.com')).activatedAt).toBeGreaterThanOrEqual(at('2019-12-05T10:00:00+08:00'));
    // behind a TLS proxy the browser's origin is the forwarded one
    const proxied = await post('product.activate', json(null), { ...JSON_TYPE, origin: 'https://console.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'console.example', cookie });
    expect(proxied.status).toBe(200);
  });
});

describe('batching cannot multiply sign-in guesses', () => {
  const sessionCount = async () => (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sessions))[0].n;

  it('refuses 20 batched signIn calls, even right ones, and starts no session', async () => {
    await signUp('batch@example.com');
    const before = await sessionCount();
    const calls = Array.from({ length: 20 }, () => ({ json: { email: 'batch@example.com', password: PASSWORD } }));
    const body = JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, c])));
    const { status, error } = await refusal(post(`${Array(20).fill('auth.signIn').join(',')}?batch=1`, body, { ...JSON_TYPE, ...SAME }));
    expect(status).toBe(400);
    expect(error).toHaveLength(20);
    expect(error[0]).toMatchObject({ message: '请求被拒绝：登录、注册接口不能批量调用', data: { code: 'BAD_REQUEST', httpStatus: 400 } });
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an auth call batched with anything, and batches over 20 calls', async () => {
    const two = await refusal(post('auth.signIn,auth.me?batch=1', JSON.stringify({ 0: { json: { email: 'batch@example.com', password: PASSWORD } }, 1: {} }), { ...JSON_TYPE, ...SAME }));
    expect([two.status, two.error[1].data.code]).toEqual([400, 'BAD_REQUEST']);
    const cookie = await signUp('many@example.com');
    const many = await refusal(GET(new Request(`${ORIGIN}/api/trpc/${Array(21).fill('notifications.unreadCount').join(',')}?batch=1&input={}`, { headers: { cookie } })));
    expect([many.status, many.error[0].message]).toEqual([400, '请求被拒绝：一次最多批量调用 20 个接口']);
    // 20 is fine
    const twenty = await GET(new Request(`${ORIGIN}/api/trpc/${Array(20).fill('notifications.unreadCount').join(',')}?batch=1&input={}`, { headers: { cookie } }));
    expect(twenty.status).toBe(200);
  });

  it('still signs in one call per request', async () => {
    const before = await sessionCount();
    const res = await post('auth.signIn', json({ email: 'batch@example.com', password: PASSWORD }), { ...JSON_TYPE, ...SAME });
    expect(res.status).toBe(200);
    expect(await sessionCount()).toBe(before + 1);
  });
});

describe('sessions and errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a malformed session cookie is signed out (401), not a 500', async () => {
    for (const cookie of ['iac_session=%E0%A4%A', 'iac_session=%', 'iac_session=%ZZ; other=1']) {
      const res = await GET(new Request(`${ORIGIN}/api/trpc/auth.me`, { headers: { cookie } }));
      expect(res.status).toBe(401);
      expect((await res.json()).error.json.message).toBe('请先登录');
    }
  });

  it('an internal error reaches the client as a generic message with an id; the detail only in the log', async () => {
    const cookie = await signUp('internal@example.com');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await transaction(db, (tx) => rawRun(tx, sql`ALTER TABLE notifications RENAME TO notifications_gone`));
    try {
      const res = await GET(new Request(`${ORIGIN}/api/trpc/notifications.unreadCount`, { headers: { cookie } }));
      expect(res.status).toBe(500);
      const text = await res.text();
      const { message, data } = JSON.parse(text).error.json;
      const id = /^内部错误（错误编号 ([0-9a-f]{8})），请稍后重试$/.exec(message)?.[1];
      expect(id).toBeDefined();
      expect(data).not.toHaveProperty('stack');
      expect(text).not.toMatch(/sqlite|postgres|no such table|does not exist|notifications_gone/i);
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0][0])).toContain(id!);
      // the store's own words: SQLite names the table, drizzle on PostgreSQL quotes the failed query
      expect(String(log.mock.calls[0][1])).toMatch(/no such table: notifications|from "notifications"/);
    } finally {
      await transaction(db, (tx) => rawRun(tx, sql`ALTER TABLE notifications_gone RENAME TO notifications`));
    }
  });
});

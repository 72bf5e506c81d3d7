import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, sessions, users } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { signIn, signUp, waitText } from './accounts';
import { createSession, destroySession, lookupSession, SESSION_MAX_AGE_MS, SESSION_TTL_MS } from './session';

const NOW = Date.UTC(2019, 11, 5);
const DAY = 24 * 60 * 60 * 1000;

async function rows(db: Awaited<ReturnType<typeof openTestDb>>) {
  const [[u], [a]] = await Promise.all([db.select({ n: count() }).from(users), db.select({ n: count() }).from(accounts)]);
  return { users: u.n, accounts: a.n };
}

describe('sign-up and sign-in', { timeout: 30_000 }, () => {
  it('creates the user with its account; a second sign-up of the e-mail, even at the same time, is refused', async () => {
    const db = await openTestDb();
    const results = await Promise.allSettled([
      signUp(db, { email: 'a@example.com', password: 'pw-123456' }, NOW),
      signUp(db, { email: 'a@example.com', password: 'pw-654321' }, NOW),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'EMAIL_TAKEN', message: '该邮箱已注册，请直接登录' } });
    expect(await rows(db)).toEqual({ users: 1, accounts: 1 });
    const { userId } = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ userId: number }>).value;
    await expect(signIn(db, { email: 'a@example.com', password: 'wrong', clientAddress: null })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(signIn(db, { email: 'nobody@example.com', password: 'pw-123456', clientAddress: null })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    const password = results[0].status === 'fulfilled' ? 'pw-123456' : 'pw-654321';
    expect(await signIn(db, { email: 'a@example.com', password, clientAddress: null })).toEqual({ userId });
  });
});

describe('sessions', () => {
  it('finds the user, slides the expiry at most once a day, and ends at expiry or sign-out', async () => {
    const db = await openTestDb();
    const { userId, accountId } = await signUp(db, { email: 's@example.com', password: 'pw-123456' }, NOW);
    const { token, expiresAt } = await createSession(db, userId, NOW);
    expect(expiresAt).toBe(NOW + SESSION_TTL_MS);
    expect(await lookupSession(db, token, NOW + 1000)).toMatchObject({ userId, accountId, email: 's@example.com', isOperator: false, expiresAt });
    expect((await lookupSession(db, token, NOW + 2 * DAY))!.expiresAt).toBe(NOW + 2 * DAY + SESSION_TTL_MS);
    expect(await lookupSession(db, 'not-a-token', NOW)).toBeNull();
    expect(await lookupSession(db, token, NOW + 2 * DAY + SESSION_TTL_MS)).toBeNull(); // expired: deleted
    expect(await db.select().from(sessions)).toEqual([]);

    const second = await createSession(db, userId, NOW);
    await destroySession(db, second.token);
    expect(await lookupSession(db, second.token, NOW)).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
  });
});

describe('waitText', () => {
  it.each([
    [1, '1 秒'],
    [29_001, '30 秒'],
    [60_000, '1 分钟'],
    [60_001, '2 分钟'],
    [3_600_000, '1 小时'],
  ])('%d ms reads %s, rounded up', (ms, text) => {
    expect(waitText(ms)).toBe(text);
  });
});

describe('absolute session lifetime', () => {
  it('a session used every day still ends 90 days after sign-in', async () => {
    const db = await openTestDb();
    const { userId } = await signUp(db, { email: 'abs@example.com', password: 'pw-123456' }, NOW);
    const { token } = await createSession(db, userId, NOW);
    let expiresAt = 0;
    for (let day = 1; day < 90; day += 1) expiresAt = (await lookupSession(db, token, NOW + day * DAY))!.expiresAt;
    expect(expiresAt).toBe(NOW + SESSION_MAX_AGE_MS);
    expect(await lookupSession(db, token, NOW + SESSION_MAX_AGE_MS)).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
  });
});

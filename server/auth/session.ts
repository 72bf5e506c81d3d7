import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, sessions, users } from '@/db/schema';
import { isHttps } from '@/server/web/forwarded';

export const SESSION_COOKIE = 'iac_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
/** However often it is used, a session ends this long after sign-in (a stolen cookie does not live forever). */
export const SESSION_MAX_AGE_MS = 90 * DAY;

// Sessions live on the wall clock, not the app clock: moving the sandbox clock a year
// forward must not sign everybody out.

/** The expiry of a session created at `createdAt` and used at `wallNow`: sliding, within the absolute lifetime. */
const slidingExpiry = (createdAt: number, wallNow: number) => Math.min(wallNow + SESSION_TTL_MS, createdAt + SESSION_MAX_AGE_MS);

export interface SessionUser {
  userId: number;
  accountId: number;
  email: string;
  isOperator: boolean;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number, wallNow = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = slidingExpiry(wallNow, wallNow);
  await transaction(db, async (tx) => {
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: wallNow, expiresAt });
  });
  return { token, expiresAt };
}

/**
 * Finds the signed-in user for a cookie token. Expiry slides: a session used again gets a
 * fresh 30 days, written at most once a day so reads stay reads, but never beyond 90 days
 * after sign-in.
 */
export async function lookupSession(db: Db, token: string | undefined, wallNow = Date.now()): Promise<SessionUser | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      isOperator: users.isOperator,
      accountId: accounts.id,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.userId, users.id))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  if (!row) return null;
  const { createdAt, ...user } = row;
  if (user.expiresAt <= wallNow) {
    await transaction(db, async (tx) => {
      await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    });
    return null;
  }
  const slid = slidingExpiry(createdAt, wallNow);
  if (slid - user.expiresAt > DAY) {
    user.expiresAt = slid;
    await transaction(db, async (tx) => {
      await tx.update(sessions).set({ expiresAt: slid }).where(eq(sessions.tokenHash, tokenHash));
    });
  }
  return user;
}

/** 退出所有设备: ends every session of the user, the one asking included. Returns how many ended. */
export async function destroyUserSessions(db: Db, userId: number): Promise<number> {
  const ended = await transaction(db, (tx) => tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash }));
  return ended.length;
}

export async function destroySession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await transaction(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  });
}

export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * Whether the session cookie carries `Secure`: always in production (NODE_ENV=production),
 * unless COOKIE_SECURE=0 says the console is deliberately served over plain http (a
 * local test); elsewhere when the request came over https (directly or via a TLS proxy).
 */
export function secureCookies(req: Request, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV === 'production' && env.COOKIE_SECURE !== '0') return true;
  return isHttps(req);
}

/** A cookie's value; undefined when absent or not valid percent-encoding (then: signed out). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

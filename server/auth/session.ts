import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { accounts, sessions, users } from '@/db/schema';
import { isHttps } from '@/server/web/forwarded';

export const SESSION_COOKIE = 'iac_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;

// Sessions live on the wall clock, not the app clock: moving the sandbox clock a year
// forward must not sign everybody out.

export interface SessionUser {
  userId: number;
  accountId: number;
  email: string;
  isOperator: boolean;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSession(db: DB, userId: number, wallNow = Date.now()): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = wallNow + SESSION_TTL_MS;
  db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: wallNow, expiresAt }).run();
  return { token, expiresAt };
}

/**
 * Finds the signed-in user for a cookie token. Expiry slides: a session used again gets a
 * fresh 30 days, written at most once a day so reads stay reads.
 */
export function lookupSession(db: DB, token: string | undefined, wallNow = Date.now()): SessionUser | null {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const row = db
    .select({
      userId: users.id,
      email: users.email,
      isOperator: users.isOperator,
      accountId: accounts.id,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.userId, users.id))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  if (!row) return null;
  if (row.expiresAt <= wallNow) {
    db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    return null;
  }
  if (row.expiresAt - wallNow < SESSION_TTL_MS - DAY) {
    row.expiresAt = wallNow + SESSION_TTL_MS;
    db.update(sessions).set({ expiresAt: row.expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  return row;
}

export function destroySession(db: DB, token: string | undefined): void {
  if (token) db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
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

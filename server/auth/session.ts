import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, sessions, users } from '@/db/schema';

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

export async function createSession(db: Db, userId: number, wallNow = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = wallNow + SESSION_TTL_MS;
  await transaction(db, async (tx) => {
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: wallNow, expiresAt });
  });
  return { token, expiresAt };
}

/**
 * Finds the signed-in user for a cookie token. Expiry slides: a session used again gets a
 * fresh 30 days, written at most once a day so reads stay reads.
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
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.userId, users.id))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt <= wallNow) {
    await transaction(db, async (tx) => {
      await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    });
    return null;
  }
  if (row.expiresAt - wallNow < SESSION_TTL_MS - DAY) {
    row.expiresAt = wallNow + SESSION_TTL_MS;
    await transaction(db, async (tx) => {
      await tx.update(sessions).set({ expiresAt: row.expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    });
  }
  return row;
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

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

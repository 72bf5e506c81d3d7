import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { accounts, users } from '@/db/schema';
import { hashPassword, verifyPassword } from './password';
import { recordSignInFailure, recordSignInSuccess, throttleKeys, waitBeforeSignIn } from './sign-in-throttle';

export class AuthError extends Error {
  constructor(
    readonly code: 'EMAIL_TAKEN' | 'BAD_CREDENTIALS' | 'TOO_MANY_ATTEMPTS' | 'NO_SUCH_USER',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

// scrypt of a fixed string, so a sign-in for an unknown e-mail costs as much as a real
// one and the timing does not tell which e-mails exist.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** Creates a user and the billing account it owns. `email` is already normalised. */
export async function signUp(db: Db, input: { email: string; password: string }, now: number): Promise<{ userId: number; accountId: number }> {
  const passwordHash = await hashPassword(input.password);
  const taken = () => new AuthError('EMAIL_TAKEN', '该邮箱已注册，请直接登录');
  try {
    return await transaction(db, async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (existing) throw taken();
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, passwordHash, isOperator: false, createdAt: now })
        .returning({ id: users.id });
      const [account] = await tx.insert(accounts).values({ userId: user.id, createdAt: now }).returning({ id: accounts.id });
      return { userId: user.id, accountId: account.id };
    });
  } catch (err) {
    // Two sign-ups of one e-mail at once (PostgreSQL): the unique index on users.email decides.
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

/** "30 秒" / "2 分钟" / "1 小时": how long a throttled customer waits, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} 分钟` : `${Math.ceil(minutes / 60)} 小时`;
}

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address (client-address.ts); null when unknown, then only the e-mail counts. */
  clientAddress: string | null;
}

/**
 * Checks a password, throttled per e-mail and per client address (sign-in-throttle.ts).
 * A blocked attempt is refused before the password hash runs, so guessing costs the
 * attacker time and the server no CPU. Times are the wall clock.
 */
export async function signIn(db: Db, input: SignInAttempt, wallNow = Date.now()): Promise<{ userId: number }> {
  const keys = throttleKeys(input.email, input.clientAddress);
  const wait = await waitBeforeSignIn(db, keys, wallNow);
  if (wait > 0) throw new AuthError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${waitText(wait)}后再试`);
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, input.email)).limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || !ok) {
    await recordSignInFailure(db, keys, wallNow);
    throw new AuthError('BAD_CREDENTIALS', '邮箱或密码错误');
  }
  await recordSignInSuccess(db, input.email);
  return { userId: user.id };
}

/**
 * Grants or revokes the operator role (the 人物库, the sandbox clock) of an existing
 * account; only the operator CLI calls it. Returns whether the role changed.
 */
export async function setOperator(db: Db, email: string, isOperator: boolean): Promise<{ userId: number; changed: boolean }> {
  return transaction(db, async (tx) => {
    const [user] = await tx.select({ id: users.id, isOperator: users.isOperator }).from(users).where(eq(users.email, email)).limit(1);
    if (!user) throw new AuthError('NO_SUCH_USER', `没有邮箱为 ${email} 的账号，请先注册`);
    if (user.isOperator !== isOperator) await tx.update(users).set({ isOperator }).where(eq(users.id, user.id));
    return { userId: user.id, changed: user.isOperator !== isOperator };
  });
}

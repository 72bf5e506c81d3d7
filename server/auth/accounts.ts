import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { accounts, users } from '@/db/schema';
import { hashPassword, verifyPassword } from './password';

export class AuthError extends Error {
  constructor(
    readonly code: 'EMAIL_TAKEN' | 'BAD_CREDENTIALS',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

// scrypt of a fixed string, so a sign-in for an unknown e-mail costs as much as a real
// one and the timing does not tell which e-mails exist.
const DUMMY_HASH = hashPassword('not-a-real-password');

function operatorEmails(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set((env.OPERATOR_EMAILS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean));
}

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
        .values({ email: input.email, passwordHash, isOperator: operatorEmails().has(input.email), createdAt: now })
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

export async function signIn(db: Db, input: { email: string; password: string }): Promise<{ userId: number }> {
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, input.email)).limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || !ok) throw new AuthError('BAD_CREDENTIALS', '邮箱或密码错误');
  return { userId: user.id };
}

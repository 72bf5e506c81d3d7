import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
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
export async function signUp(db: DB, input: { email: string; password: string }, now: number) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        throw new AuthError('EMAIL_TAKEN', '该邮箱已注册，请直接登录');
      }
      const user = tx
        .insert(users)
        .values({ email: input.email, passwordHash, isOperator: operatorEmails().has(input.email), createdAt: now })
        .returning()
        .get();
      const account = tx.insert(accounts).values({ userId: user.id, createdAt: now }).returning().get();
      return { userId: user.id, accountId: account.id };
    },
    { behavior: 'immediate' },
  );
}

export async function signIn(db: DB, input: { email: string; password: string }) {
  const user = db.select().from(users).where(eq(users.email, input.email)).get();
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || !ok) throw new AuthError('BAD_CREDENTIALS', '邮箱或密码错误');
  return { userId: user.id };
}

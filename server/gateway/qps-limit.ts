import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, users } from '@/db/schema';

export const MAX_QPS = 100_000;
export const DEFAULT_QPS = 20;

/** The operator's default limit (API_DEFAULT_QPS); the console shows the same figure the API enforces. */
export function defaultQpsFromEnv(env: Record<string, string | undefined>): number {
  const qps = Number(env.API_DEFAULT_QPS ?? DEFAULT_QPS);
  if (!Number.isSafeInteger(qps) || qps < 1) throw new Error(`API_DEFAULT_QPS must be a positive integer, got ${env.API_DEFAULT_QPS}`);
  return qps;
}

/**
 * The operator raises (or resets, with null) one account's per-action limit. The gateway
 * refreshes what it knows of accounts every half second, so the change applies within a second.
 */
export async function setAccountQps(db: Db, email: string, qps: number | null): Promise<{ accountId: number; qpsLimit: number | null }> {
  if (qps !== null && (!Number.isSafeInteger(qps) || qps < 1 || qps > MAX_QPS)) throw new RangeError(`QPS 必须是 1–${MAX_QPS} 的整数`);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user) throw new RangeError(`账号 ${email} 不存在`);
  return transaction(db, async (tx) => {
    const [account] = await tx.update(accounts).set({ qpsLimit: qps }).where(eq(accounts.userId, user.id)).returning({ id: accounts.id, qpsLimit: accounts.qpsLimit });
    return { accountId: account.id, qpsLimit: account.qpsLimit };
  });
}

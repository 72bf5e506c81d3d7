import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
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
 * reads it on every request, so the change applies to the next call.
 */
export function setAccountQps(db: DB, email: string, qps: number | null): { accountId: number; qpsLimit: number | null } {
  if (qps !== null && (!Number.isSafeInteger(qps) || qps < 1 || qps > MAX_QPS)) throw new RangeError(`QPS 必须是 1–${MAX_QPS} 的整数`);
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user) throw new RangeError(`账号 ${email} 不存在`);
  const account = db.update(accounts).set({ qpsLimit: qps }).where(eq(accounts.userId, user.id)).returning().get();
  return { accountId: account.id, qpsLimit: account.qpsLimit };
}

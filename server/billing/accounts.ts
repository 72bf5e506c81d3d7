import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { accounts } from '@/db/schema';

export type Account = typeof accounts.$inferSelect;

export async function getAccount(db: Db, accountId: number): Promise<Account> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw notFound('账户');
  return account;
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { preparedQuery } from '@/db/kernel/prepared';
import { notFound } from '@/db/not-found';
import { accounts } from '@/db/schema';

export type Account = typeof accounts.$inferSelect;

const accountById = preparedQuery('account_by_id', (db) => db.select().from(accounts).where(eq(accounts.id, sql.placeholder('id'))).limit(1));

export async function getAccount(db: Db, accountId: number): Promise<Account> {
  const [account] = await accountById(db, { id: accountId });
  if (!account) throw notFound('账户');
  return account;
}

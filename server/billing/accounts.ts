import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { notFound } from './errors';
import { param, prepared } from './prepared';
import type { DbOrTx } from './tx';

export type Account = typeof accounts.$inferSelect;

const accountById = (db: DbOrTx) => db.select().from(accounts).where(eq(accounts.id, param('accountId'))).prepare();

export function getAccount(db: DbOrTx, accountId: number): Account {
  const account = prepared(db, accountById).get({ accountId });
  if (!account) throw notFound('账户');
  return account;
}

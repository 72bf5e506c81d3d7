import { eq, sql } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { accounts } from '@/db/schema';

export interface AccountGate {
  activated: boolean;
  inArrears: boolean;
  qpsLimit: number | null;
}

/** The account facts the gateway checks on every request, by one prepared statement. */
export function accountGateReader(db: DB): (accountId: number) => AccountGate | undefined {
  const byId = db
    .select({ activatedAt: accounts.activatedAt, inArrears: accounts.inArrears, qpsLimit: accounts.qpsLimit })
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .prepare();
  return (accountId) => {
    const row = byId.get({ id: accountId });
    return row && { activated: row.activatedAt !== null, inArrears: row.inArrears, qpsLimit: row.qpsLimit };
  };
}

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { accounts } from '@/db/schema';
import type { Fen } from '@/lib/money';

/** 余额预警 as the 账户 page shows it: the threshold (null = off) and whether this dip was already told. */
export async function balanceAlertOf(db: Db, accountId: number): Promise<{ thresholdFen: Fen | null; sent: boolean }> {
  const [a] = await db
    .select({ thresholdFen: accounts.balanceAlertFen, sent: accounts.balanceAlertSent })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!a) throw notFound('账户');
  return a;
}

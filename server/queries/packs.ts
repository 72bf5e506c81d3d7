import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { packs } from '@/db/schema';
import type { Month } from '@/lib/period';

/** The free packs granted to the account for one month (what 图像分析 says was issued). */
export async function monthFreePacks(db: Db, accountId: number, month: Month) {
  return db
    .select({ item: packs.item, sizeCalls: packs.sizeCalls, usedCalls: packs.usedCalls })
    .from(packs)
    .where(and(eq(packs.accountId, accountId), eq(packs.kind, 'free'), eq(packs.month, month)));
}

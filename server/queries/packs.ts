import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { packs } from '@/db/schema';
import type { Month } from '@/lib/period';
import type { Pack, PackStatus } from '@/server/billing';
import { packStatus, refundRefusal } from '@/server/billing/packs';

export interface PackView extends Pack {
  remainingCalls: number;
  status: PackStatus;
  refundable: boolean;
}

/** 图像分析资源包: free and prepaid packs, newest first, with what the page shows. */
export async function listPacks(db: Db, accountId: number, now: number): Promise<PackView[]> {
  const rows = await db.select().from(packs).where(eq(packs.accountId, accountId)).orderBy(desc(packs.createdAt), desc(packs.id));
  return rows.map((p) => ({
    ...p,
    remainingCalls: p.sizeCalls - p.usedCalls,
    status: packStatus(p, now),
    refundable: refundRefusal(p, now) === null,
  }));
}

/** The free packs granted to the account for one month (what 图像分析 says was issued). */
export async function monthFreePacks(db: Db, accountId: number, month: Month) {
  return db
    .select({ item: packs.item, sizeCalls: packs.sizeCalls, usedCalls: packs.usedCalls })
    .from(packs)
    .where(and(eq(packs.accountId, accountId), eq(packs.kind, 'free'), eq(packs.month, month)));
}

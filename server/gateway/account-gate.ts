import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema';
import { snapshotCache, type SnapshotCache } from './snapshot-cache';

export interface AccountGate {
  activated: boolean;
  inArrears: boolean;
  qpsLimit: number | null;
}

/** The account facts the gateway checks on every request, from memory (see snapshot-cache.ts). */
export function accountGates(db: Db): SnapshotCache<number, AccountGate | undefined> {
  return snapshotCache<number, AccountGate | undefined>(async (ids) => {
    const rows = await db
      .select({ id: accounts.id, activatedAt: accounts.activatedAt, inArrears: accounts.inArrears, qpsLimit: accounts.qpsLimit })
      .from(accounts)
      .where(inArray(accounts.id, ids));
    return new Map(rows.map((row) => [row.id, { activated: row.activatedAt !== null, inArrears: row.inArrears, qpsLimit: row.qpsLimit }]));
  }, undefined);
}

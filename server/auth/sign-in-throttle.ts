import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { signInThrottle } from '@/db/schema';

// Failed sign-ins are counted per e-mail and per client address. The first ALLOWED
// failures cost nothing; the next one blocks the key for BASE_BLOCK_MS, and each failure
// after that doubles the block, up to MAX_BLOCK_MS. A key's count starts again after a
// FORGET_AFTER_MS without failures. Times are the wall clock, like sessions: moving the
// sandbox clock neither forgives nor prolongs a block.
export const ALLOWED_FAILURES = 4;
export const BASE_BLOCK_MS = 30_000;
export const MAX_BLOCK_MS = 60 * 60_000;
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** How long a key is blocked after its `failures`-th failure in a row. */
export function blockAfter(failures: number): number {
  if (failures <= ALLOWED_FAILURES) return 0;
  return Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** Math.min(failures - ALLOWED_FAILURES - 1, 20));
}

/** The throttle keys of one attempt; the address is left out when it is not known. */
export function throttleKeys(email: string, clientAddress: string | null): string[] {
  return [`email:${email}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
}

/** Milliseconds until every key may try again; 0 when none is blocked. */
export async function waitBeforeSignIn(db: Db, keys: readonly string[], wallNow: number): Promise<number> {
  const rows = await db.select({ blockedUntil: signInThrottle.blockedUntil }).from(signInThrottle).where(inArray(signInThrottle.key, [...keys]));
  return Math.max(0, ...rows.map((r) => r.blockedUntil - wallNow));
}

/**
 * Counts one failed attempt against each key. The count goes up in the same statement that
 * reads it (an upsert), so failures racing in parallel requests are all counted.
 */
export async function recordSignInFailure(db: Db, keys: readonly string[], wallNow: number): Promise<void> {
  await transaction(db, async (tx) => {
    for (const key of keys) {
      const [row] = await tx
        .insert(signInThrottle)
        .values({ key, failures: 1, blockedUntil: 0, updatedAt: wallNow })
        .onConflictDoUpdate({
          target: signInThrottle.key,
          set: {
            failures: sql`CASE WHEN ${signInThrottle.updatedAt} < ${wallNow - FORGET_AFTER_MS} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
            updatedAt: wallNow,
          },
        })
        .returning({ failures: signInThrottle.failures });
      const block = blockAfter(row.failures);
      if (block > 0) await tx.update(signInThrottle).set({ blockedUntil: wallNow + block }).where(eq(signInThrottle.key, key));
    }
  });
}

/** A correct password forgives the e-mail's failures; the address keeps its count. */
export async function recordSignInSuccess(db: Db, email: string): Promise<void> {
  await transaction(db, (tx) => tx.delete(signInThrottle).where(eq(signInThrottle.key, `email:${email}`)));
}

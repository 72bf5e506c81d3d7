import { randomInt } from 'node:crypto';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { formatDateTime } from '@/lib/period';

/**
 * A reference customers can read and quote (订单号, 充值单号): prefix, the app time in
 * UTC+8 to the second, then six random digits so two made in the same second differ.
 */
export function newReference(prefix: string, now: number): string {
  const stamp = formatDateTime(now).replace(/\D/g, '');
  return `${prefix}${stamp}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

/** How many references an insert tries before giving up: a repeat is a one-in-a-million event per pair in one second. */
const REFERENCE_ATTEMPTS = 5;

/**
 * Inserts a row under a new reference, each attempt a transaction of its own, and again
 * under another when the reference itself was taken: six random digits do repeat among the
 * many made in one second, and the inserts here skip any conflict (ON CONFLICT DO NOTHING …
 * RETURNING) so that the idempotency key's conflict can answer with the earlier row.
 * `insert` returns the created row, or none when a conflict left it uncreated; `existing`
 * reads the row the key conflicted with — none means the conflict was the reference's, and
 * nothing was written.
 */
export async function insertUnderReference<T>(
  db: Db,
  prefix: string,
  now: number,
  insert: (tx: Db, id: string) => Promise<T[]>,
  existing: () => Promise<T[]>,
): Promise<{ row: T; created: boolean }> {
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const id = newReference(prefix, now);
    const [created] = await transaction(db, (tx) => insert(tx, id));
    if (created) return { row: created, created: true };
    const [earlier] = await existing();
    if (earlier) return { row: earlier, created: false };
  }
  throw new Error(`no free ${prefix || 'order'} reference after ${REFERENCE_ATTEMPTS} attempts`);
}

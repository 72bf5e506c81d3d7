import { sql } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { apiRequests } from '@/db/schema';
import type { ItemCode } from '@/lib/catalog';
import { dayOf } from '@/lib/period';
import { allocateCalls, BillingError, canMeter } from '@/server/billing';
import type { ItemCalls } from './actions';

export interface MeterInput {
  requestId: string;
  accountId: number;
  action: string;
  calls: readonly ItemCalls[];
  /** App time of the call: decides its billing month and day. */
  at: number;
}

/** Resolves once the request's calls are committed; rejects, having written nothing, if refused. */
export type Meter = (input: MeterInput) => Promise<void>;
export type MeterCheck = (input: Pick<MeterInput, 'accountId' | 'calls' | 'at'>) => boolean;

/** A read-only look before the engine runs: would every call be allowed now? (Slow: ask only accounts in arrears.) */
export function couldMeter(db: DB, input: Parameters<MeterCheck>[0]): boolean {
  return input.calls.every((c) => canMeter(db, { accountId: input.accountId, item: c.item, count: c.count, at: input.at }));
}

function recordRequests(db: DB) {
  const insert = db
    .insert(apiRequests)
    .values({
      requestId: sql.placeholder('requestId'),
      accountId: sql.placeholder('accountId'),
      action: sql.placeholder('action'),
      calls: sql.placeholder('calls'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  return (input: MeterInput) =>
    insert.run({ ...input, calls: input.calls.reduce((n, c) => n + c.count, 0), createdAt: input.at });
}

/**
 * Calls of the same account, item and UTC+8 day, summed: allocating them at once splits
 * them over free pack → prepaid packs → postpaid exactly as one by one would (packs are
 * checked valid at the group's latest call time).
 */
function groupCalls(inputs: readonly MeterInput[]) {
  const groups = new Map<string, { accountId: number; item: ItemCode; count: number; at: number }>();
  for (const input of inputs) {
    for (const c of input.calls) {
      const key = `${input.accountId}|${c.item}|${dayOf(input.at)}`;
      const group = groups.get(key);
      if (group) {
        group.count += c.count;
        group.at = Math.max(group.at, input.at);
      } else groups.set(key, { accountId: input.accountId, item: c.item, count: c.count, at: input.at });
    }
  }
  return [...groups.values()];
}

/**
 * Records requests and allocates every call they count as, in one BEGIN IMMEDIATE
 * transaction: all of them are on the books, or none is.
 */
export function meterRequests(db: DB, inputs: readonly MeterInput[], record = recordRequests(db)): void {
  db.transaction(
    (tx) => {
      for (const input of inputs) record(input);
      for (const group of groupCalls(inputs)) allocateCalls(tx, group);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Group commit: requests that finish their engine work in the same event-loop turn share
 * one metering transaction, so a busy server pays for BEGIN/COMMIT and the allocation
 * queries once per turn, not once per request. Each request still resolves only after
 * the commit that holds its RequestId. If billing refuses the shared transaction (e.g. one
 * account in arrears), each request is metered in a transaction of its own, so only the
 * refused ones fail.
 */
export function createMeter(db: DB): Meter {
  const record = recordRequests(db);
  let queue: { input: MeterInput; resolve: () => void; reject: (err: unknown) => void }[] = [];

  function flush() {
    const batch = queue;
    queue = [];
    try {
      meterRequests(db, batch.map((b) => b.input), record);
      for (const b of batch) b.resolve();
    } catch (batchError) {
      // A fault of the database (e.g. locked too long) would fail each request alike.
      if (batch.length === 1 || !(batchError instanceof BillingError)) return batch.forEach((b) => b.reject(batchError));
      for (const b of batch) {
        try {
          meterRequests(db, [b.input], record);
          b.resolve();
        } catch (err) {
          b.reject(err);
        }
      }
    }
  }

  return (input) =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ input, resolve, reject });
    });
}

import type { Db } from '@/db/client';
import { inJson, insertTuplesBehind } from '@/db/kernel/bulk-sql';
import { lockAccountRows } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { apiRequests } from '@/db/schema';
import { dayNumberOf } from '@/lib/period';
import { allocateLockedCalls, BillingError, canMeter, readPacksToDraw, type MeterRequest } from '@/server/billing';
import type { ItemCalls } from './actions';

export interface MeterInput {
  requestId: string;
  accountId: number;
  action: string;
  calls: readonly ItemCalls[];
  /** App time of the call: decides its billing month and day. */
  at: number;
  /** The SecretId that signed it, and when it arrived (`performance.now()`): its 请求日志 line. */
  secretId: string;
  receivedAt: number;
  /**
   * Billing may still refuse it (the account was in arrears as the gateway last saw it):
   * metered before it is answered, never journaled (journal-meter.ts).
   */
  refusable?: boolean;
}

/** Resolves once the request's calls are committed; rejects, having written nothing, if refused. */
export type Meter = (input: MeterInput) => Promise<void>;
export type MeterCheck = (input: Pick<MeterInput, 'accountId' | 'calls' | 'at'>) => Promise<boolean>;

/** A read-only look before the engine runs: would every call be allowed now? (Slow: ask only accounts in arrears.) */
export async function couldMeter(db: Db, input: Parameters<MeterCheck>[0]): Promise<boolean> {
  for (const c of input.calls) {
    if (!(await canMeter(db, { accountId: input.accountId, item: c.item, count: c.count, at: input.at }))) return false;
  }
  return true;
}

/**
 * Calls of the same account, item and UTC+8 day, summed: allocating them at once splits
 * them over free pack → prepaid packs → postpaid exactly as one by one would (packs are
 * checked valid at the group's latest call time).
 */
function groupCalls(inputs: readonly MeterRecord[], served: boolean) {
  const groups = new Map<string, MeterRequest>();
  for (const input of inputs) {
    for (const c of input.calls) {
      const key = `${input.accountId}|${c.item}|${dayNumberOf(input.at)}`;
      const group = groups.get(key);
      if (group) {
        group.count += c.count;
        group.at = Math.max(group.at, input.at);
      } else groups.set(key, { accountId: input.accountId, item: c.item, count: c.count, at: input.at, served });
    }
  }
  return [...groups.values()];
}

/** A metered request as its 请求日志 line keeps it: MeterInput with the latency measured. */
export interface MeterRecord extends Omit<MeterInput, 'receivedAt' | 'refusable'> {
  latencyUs: number;
}

/** The request's record, its latency ending at `endedAt` (`performance.now()`). */
export function meterRecord(input: MeterInput, endedAt: number): MeterRecord {
  return {
    requestId: input.requestId,
    accountId: input.accountId,
    action: input.action,
    calls: input.calls,
    at: input.at,
    secretId: input.secretId,
    latencyUs: Math.round((endedAt - input.receivedAt) * 1000),
  };
}

export interface MeterOptions {
  /**
   * The calls were answered already (journal-meter.ts): none may be refused — an account
   * that fell into arrears since is charged postpaid for them.
   */
  served?: boolean;
  /** Some may be on the books already (a journal metered again after a crash): those are skipped, not metered twice. */
  replay?: boolean;
}

/**
 * Records requests and allocates every call they count as, in one transaction: all of
 * them are on the books, or none is.
 *
 * Not fsynced on SQLite (durable: false): metering moves no money — the bill run charges
 * later, from these counters — so a power cut that takes the last unsynced flushes can only
 * leave calls uncharged, never charge one twice; a crash or SIGKILL of any process loses
 * nothing (WAL, bench/api/durability.ts). The fsync of every flush, on the event loop,
 * would otherwise cost about half the API's throughput (bench/api/README.md).
 */
export function meterRequests(db: Db, inputs: readonly MeterInput[]): Promise<void> {
  // The row's latency ends as the transaction that commits it begins.
  const started = performance.now();
  return meterRecords(db, inputs.map((i) => meterRecord(i, started)));
}

/** The columns of a request's api_requests row, in the order apiRequestRow gives them. */
const API_REQUEST_COLUMNS = ['requestId', 'accountId', 'action', 'calls', 'createdAt', 'secretId', 'latencyUs'] as const;

function apiRequestRow(r: MeterRecord): unknown[] {
  let calls = 0;
  for (const c of r.calls) calls += c.count;
  return [r.requestId, r.accountId, r.action, calls, r.at, r.secretId, r.latencyUs];
}

/** meterRequests of requests whose latency is known. */
export async function meterRecords(db: Db, records: readonly MeterRecord[], opts: MeterOptions = {}): Promise<void> {
  await transaction(db, async (tx) => {
    // Every account of the batch is locked up front, in id order (lockAccountRows sorts),
    // so two flushes (or a flush and a console payment) touching the same accounts on
    // PostgreSQL wait for each other instead of deadlocking. On PostgreSQL the request log
    // and the packs' reads are sent right behind the lock, without waiting for it: they run
    // after it, in the order sent, and all of them share its round trip.
    const locked = lockAccountRows(tx, records.map((r) => r.accountId));
    locked.catch(() => undefined); // awaited below, after the statements sent behind it
    const inputs = opts.replay ? await notYetMetered(tx, records) : records;
    // The row is also the request's 请求日志 line.
    await insertTuplesBehind(tx, apiRequests, API_REQUEST_COLUMNS, inputs.map(apiRequestRow));
    const groups = groupCalls(inputs, opts.served === true);
    // A later group of the same account and item (another day) reads after the earlier
    // one's write instead, to draw on what that left.
    const readFor = new Set<string>();
    const reads = groups.map((g) => {
      const key = `${g.accountId}|${g.item}`;
      if (readFor.has(key)) return undefined;
      readFor.add(key);
      return readPacksToDraw(tx, g);
    });
    const accounts = new Map((await locked).map((a) => [a.id, a]));
    const lockedAccount = (id: number) => {
      const account = accounts.get(id);
      if (!account) throw notFound('账户');
      return account;
    };
    // api_requests has no foreign key to accounts (db/schema): this is the check of every row's.
    for (const i of inputs) lockedAccount(i.accountId);
    for (const [i, group] of groups.entries()) await allocateLockedCalls(tx, group, lockedAccount(group.accountId), reads[i]);
  }, { durable: false });
}

/** The records whose RequestId is not on the books yet. */
async function notYetMetered(tx: Db, records: readonly MeterRecord[]): Promise<readonly MeterRecord[]> {
  const metered = await tx
    .select({ requestId: apiRequests.requestId })
    .from(apiRequests)
    .where(inJson(apiRequests.requestId, records.map((r) => r.requestId)));
  const known = new Set(metered.map((m) => m.requestId));
  return known.size === 0 ? records : records.filter((r) => !known.has(r.requestId));
}

/**
 * Metering transactions in flight at once, on either store. SQLite has one writer, so a
 * second would only queue behind the first. On PostgreSQL the flushes of one account wait
 * for each other on its row lock, held from the first of a flush's two round trips to its
 * COMMIT, so a second flush in flight mostly splits the batch in two: with 2, a busy
 * account got 11–20% fewer calls through (bench/api/README.md). Requests wait for the next
 * flush instead, which makes it larger.
 */
const MAX_FLUSHES_IN_FLIGHT = 1;

interface Pending {
  input: MeterInput;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: requests that finish their engine work while the previous flush commits (or
 * in the same event-loop turn) share one metering transaction, so a busy server pays for
 * BEGIN/COMMIT and the allocation queries once per flush, not once per request. Each
 * request still resolves only after the commit that holds its RequestId. If billing refuses
 * the shared transaction (e.g. one account in arrears), each request is metered in a
 * transaction of its own, so only the refused ones fail.
 */
export function createMeter(db: Db, maxInFlight = MAX_FLUSHES_IN_FLIGHT): Meter {
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function meterBatch(batch: Pending[]) {
    try {
      await meterRequests(db, batch.map((b) => b.input));
      for (const b of batch) b.resolve();
    } catch (batchError) {
      // A fault of the database (e.g. locked too long) would fail each request alike.
      if (batch.length === 1 || !(batchError instanceof BillingError)) return batch.forEach((b) => b.reject(batchError));
      for (const b of batch) await meterRequests(db, [b.input]).then(b.resolve, b.reject);
    }
  }

  function schedule() {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue;
      queue = [];
      inFlight++;
      void meterBatch(batch).finally(() => {
        inFlight--;
        schedule();
      });
    });
  }

  return (input) =>
    new Promise((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}

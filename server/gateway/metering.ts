import type { Db } from '@/db/client';
import { inJson, insertJsonStatement } from '@/db/kernel/bulk-sql';
import { lockAccountRows } from '@/db/kernel/locks';
import { transaction, writeBehind } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { apiRequests } from '@/db/schema';
import { dayOf } from '@/lib/period';
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

/** The api_requests columns of a row's first elements (rowOf), in order. */
const ROW_COLUMNS = ['requestId', 'accountId', 'action', 'calls', 'createdAt', 'secretId', 'latencyUs'] as const;

/** A record as one JSON array: its api_requests row (ROW_COLUMNS), then its calls by item. */
function rowOf(r: MeterRecord) {
  return [r.requestId, r.accountId, r.action, r.calls.reduce((n, c) => n + c.count, 0), r.at, r.secretId, r.latencyUs, r.calls];
}

/**
 * The record's line in a metering journal (journal-meter.ts): its row as JSON. A batch of
 * lines is inserted as the one JSON document they make, so an answered call is serialised
 * once, as it is journaled, and never again.
 */
export const meterLine = (record: MeterRecord): string => JSON.stringify(rowOf(record));

/** The record of a journal line; a line of a journal written before lines were rows is the record's JSON. */
export function recordOfLine(line: string): MeterRecord {
  const parsed = JSON.parse(line) as MeterRecord | ReturnType<typeof rowOf>;
  if (!Array.isArray(parsed)) return parsed;
  const [requestId, accountId, action, , at, secretId, latencyUs, calls] = parsed as [string, number, string, number, number, string, number, ItemCalls[]];
  return { requestId, accountId, action, calls, at, secretId, latencyUs };
}

/**
 * Requests to meter in one transaction, as it takes them: their rows as journal lines, and
 * their calls already summed by account, item and UTC+8 day (allocating a group at once
 * splits it over free pack → prepaid packs → postpaid exactly as one by one would; packs are
 * checked valid at the group's latest call time).
 */
export interface MeterBatch {
  /** Chunks of lines, each line followed by a newline. */
  lines: string[];
  size: number;
  accountIds: Set<number>;
  groups: Map<string, MeterRequest>;
  /** The calls were answered already (MeterOptions.served). */
  served: boolean;
}

export const emptyBatch = (served: boolean): MeterBatch => ({ lines: [], size: 0, accountIds: new Set(), groups: new Map(), served });

/** Adds requests to a batch: `lines` are their meterLines, each followed by a newline. */
export function addToBatch(batch: MeterBatch, lines: string, requests: readonly Pick<MeterRecord, 'accountId' | 'calls' | 'at'>[]): void {
  batch.lines.push(lines);
  batch.size += requests.length;
  for (const r of requests) {
    batch.accountIds.add(r.accountId);
    for (const c of r.calls) {
      const key = `${r.accountId}|${c.item}|${dayOf(r.at)}`;
      const group = batch.groups.get(key);
      if (group) {
        group.count += c.count;
        group.at = Math.max(group.at, r.at);
      } else batch.groups.set(key, { accountId: r.accountId, item: c.item, count: c.count, at: r.at, served: batch.served });
    }
  }
}

/** The records of a batch's lines. */
export const batchRecords = (batch: MeterBatch): MeterRecord[] => linesRecords(batch.lines.join(''));

/** The records of complete lines of journal text. */
export const linesRecords = (text: string): MeterRecord[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map(recordOfLine);

function batchOf(records: readonly MeterRecord[], served: boolean): MeterBatch {
  const batch = emptyBatch(served);
  if (records.length > 0) addToBatch(batch, records.map((r) => `${meterLine(r)}\n`).join(''), records);
  return batch;
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

/** meterRequests of requests whose latency is known. */
export async function meterRecords(db: Db, records: readonly MeterRecord[], opts: MeterOptions = {}): Promise<void> {
  await transaction(db, async (tx) => {
    const locked = lockAccounts(tx, records.map((r) => r.accountId));
    const inputs = opts.replay ? await notYetMetered(tx, records) : records;
    await meterLocked(tx, locked, batchOf(inputs, opts.served === true));
  }, { durable: false });
}

/** Meters a batch of requests none of which is on the books yet, in one transaction. */
export async function meterBatch(db: Db, batch: MeterBatch): Promise<void> {
  await transaction(db, (tx) => meterLocked(tx, lockAccounts(tx, [...batch.accountIds]), batch), { durable: false });
}

/**
 * Every account of the batch is locked up front, in id order (lockAccountRows sorts), so
 * two flushes (or a flush and a console payment) touching the same accounts on PostgreSQL
 * wait for each other instead of deadlocking. On PostgreSQL the request log and the packs'
 * reads are sent right behind the lock, without waiting for it: they run after it, in the
 * order sent, and all of them share its round trip.
 */
function lockAccounts(tx: Db, ids: readonly number[]) {
  const locked = lockAccountRows(tx, ids);
  locked.catch(() => undefined); // awaited in meterLocked, after the statements sent behind it
  return locked;
}

async function meterLocked(tx: Db, locked: ReturnType<typeof lockAccountRows>, batch: MeterBatch): Promise<void> {
  if (batch.size === 0) {
    await locked;
    return;
  }
  // One statement whose text does not depend on the batch's size (bulk-sql.ts), its rows
  // the journal's lines as they are. The row is also the request's 请求日志 line.
  await writeBehind(tx, insertJsonStatement(apiRequests, ROW_COLUMNS, `[${batch.lines.join('').slice(0, -1).replaceAll('\n', ',')}]`));
  const groups = [...batch.groups.values()];
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
  for (const id of batch.accountIds) lockedAccount(id);
  for (const [i, group] of groups.entries()) await allocateLockedCalls(tx, group, lockedAccount(group.accountId), reads[i]);
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

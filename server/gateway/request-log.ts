import type { Db } from '@/db/client';
import { insertRows } from '@/db/kernel/bulk-sql';
import { transaction } from '@/db/kernel/transaction';
import { apiRequestLog } from '@/db/schema';

/** The outcome of a request answered with its result. */
export const OK_OUTCOME = 'OK';

export interface RequestLogLine {
  requestId: string;
  accountId: number | null;
  action: string | null;
  /** OK_OUTCOME or the error code answered. */
  outcome: string;
  latencyMs: number;
  /** The key that signed the request, once the gateway knows it (CallContext.secretId). */
  secretId?: string | null;
}

/** Called once per answer, after it was sent; must not block (the log is not the billing truth). */
export type RequestLog = ((line: RequestLogLine) => void) & {
  /** Writes what is buffered now; the gateway's stop() awaits it (SIGTERM loses nothing). */
  flush?: () => Promise<void>;
};

export const FLUSH_EVERY_MS = 200;
export const FLUSH_AT_ROWS = 500;

export interface RequestLogOptions {
  flushEveryMs?: number;
  flushAtRows?: number;
}

/**
 * 请求日志 writer of failed requests: lines are buffered and inserted as one multi-row INSERT
 * per flush (every FLUSH_EVERY_MS, or at once past FLUSH_AT_ROWS), off the request's path — a
 * transaction per answer would cost the hot path about what its metering costs. A
 * successful request's line is its api_requests row, written by the metering transaction
 * it had to wait for anyway; a second row here cost the cheapest call 11–18% of the API's
 * throughput (bench/api/README.md). `now` is the app clock, so the log's days are the bills'
 * days. A line with no account (an unknown SecretId, an unsigned request) has no customer
 * to show it to and is not kept. A crash loses at most
 * the lines of the last flush interval; api_requests, written in the metering transaction,
 * stays the billing truth. A failed write is reported and its rows dropped, never retried
 * into an ever-growing buffer.
 *
 * Not fsynced on SQLite (durable: false), like the metering: a power cut may take the
 * lines of the flushes since the last synced commit, a crash of the process none. With an
 * fsync per flush, on the event loop, the request log cost a third of the API's throughput
 * (bench/api/README.md).
 */
export function createRequestLog(db: Db, now: () => number, { flushEveryMs = FLUSH_EVERY_MS, flushAtRows = FLUSH_AT_ROWS }: RequestLogOptions = {}): RequestLog & { flush(): Promise<void> } {
  let pending: (typeof apiRequestLog.$inferInsert)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = async (rows: (typeof apiRequestLog.$inferInsert)[]) => {
    try {
      // ON CONFLICT DO NOTHING: a RequestId is unique, a replayed flush must not fail the batch.
      await transaction(db, (tx) => insertRows(tx, apiRequestLog, rows, { onConflictDoNothing: true }), { durable: false });
    } catch (err) {
      console.error(`[api] request log: ${rows.length} rows not written`, err);
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const rows = pending;
    pending = [];
    // One flush at a time, in order: the next waits for the previous.
    if (rows.length > 0) writing = writing.then(() => write(rows));
    return writing;
  };

  const log: RequestLog & { flush(): Promise<void> } = (line) => {
    if (line.accountId === null || line.outcome === OK_OUTCOME) return;
    pending.push({
      requestId: line.requestId,
      accountId: line.accountId,
      secretId: line.secretId ?? null,
      action: line.action,
      outcome: line.outcome,
      latencyUs: Math.round(line.latencyMs * 1000),
      createdAt: now(),
    });
    if (pending.length >= flushAtRows) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), flushEveryMs).unref();
  };
  log.flush = flush;
  return log;
}

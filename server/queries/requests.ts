import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rawRows } from '@/db/kernel/results';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
import { apiKeys, apiRequestLog, apiRequests } from '@/db/schema';
import { parseIsoTime } from '@/lib/period';
import { OK_OUTCOME } from '@/server/gateway/request-log';
import { REQUEST_LOG_RETENTION_MS } from '@/server/gateway/request-log-retention';

// 请求日志: the account's API requests of the last 30 days, failures included. A successful
// request's line is its metering row (api_requests, the billing truth: its metered calls
// and key are the ones billed); a failed request's is api_request_log's, with no calls.

/** The result filter's "every failure" choice; any other value is one error code or OK. */
export const ANY_ERROR = 'ERROR';
/** What one CSV export carries at most (newest first). */
export const EXPORT_LIMIT = 10_000;

export interface RequestLogFilter {
  action?: string;
  secretId?: string;
  /** OK_OUTCOME, ANY_ERROR or one error code. */
  result?: string;
  /** 'YYYY-MM-DD', a UTC+8 day. */
  day?: string;
}

export interface RequestLogRow {
  requestId: string;
  at: number;
  action: string | null;
  secretId: string | null;
  outcome: string;
  calls: number;
  /** Null for a call metered before 请求日志 existed. */
  latencyMs: number | null;
}

const DAY_MS = 24 * 3600 * 1000;

type Source = typeof apiRequests | typeof apiRequestLog;

/** The filter on one of the two tables, or null when it can hold no matching line. */
function conditions(t: Source, accountId: number, now: number, f: RequestLogFilter): SQL | null {
  const successes = t === apiRequests;
  if (f.result && successes !== (f.result === OK_OUTCOME)) return null;
  const where: SQL[] = [eq(t.accountId, accountId), gte(t.createdAt, now - REQUEST_LOG_RETENTION_MS)];
  if (f.action) where.push(eq(t.action, f.action));
  if (f.secretId) where.push(eq(t.secretId, f.secretId));
  if (!successes && f.result && f.result !== ANY_ERROR) where.push(eq(apiRequestLog.outcome, f.result));
  if (f.day) {
    const start = parseIsoTime(f.day);
    where.push(gte(t.createdAt, start), lt(t.createdAt, start + DAY_MS));
  }
  return and(...where)!;
}

function sources(accountId: number, now: number, f: RequestLogFilter) {
  return [
    { table: apiRequests, where: conditions(apiRequests, accountId, now, f), outcome: sql.raw(`'${OK_OUTCOME}'`), calls: sql`${apiRequests.calls}` },
    { table: apiRequestLog, where: conditions(apiRequestLog, accountId, now, f), outcome: sql`${apiRequestLog.outcome}`, calls: sql.raw('0') },
  ].filter((s): s is typeof s & { where: SQL } => s.where !== null);
}

interface RawLine {
  requestId: string;
  at: number | string;
  action: string | null;
  secretId: string | null;
  outcome: string;
  calls: number | string;
  latencyUs: number | string | null;
}

/** The matching lines of both tables, newest first (hand-written: SQLite takes no parenthesised UNION arms). */
async function selectLines(db: Db, accountId: number, now: number, f: RequestLogFilter, limit: number, offset = 0): Promise<RequestLogRow[]> {
  const arms = sources(accountId, now, f).map(
    ({ table: t, where, outcome, calls }) =>
      sql`SELECT ${t.requestId} AS "requestId", ${t.createdAt} AS "at", ${t.action} AS "action", ${t.secretId} AS "secretId", ${outcome} AS "outcome", ${calls} AS "calls", ${t.latencyUs} AS "latencyUs" FROM ${t} WHERE ${where}`,
  );
  if (arms.length === 0) return [];
  const rows = await rawRows<RawLine>(db, sql`${sql.join(arms, sql` UNION ALL `)} ORDER BY "at" DESC, "requestId" DESC LIMIT ${limit} OFFSET ${offset}`);
  // PostgreSQL hands bigint columns over as strings.
  return rows.map(({ at, calls, latencyUs, ...r }) => ({ ...r, at: Number(at), calls: Number(calls), latencyMs: latencyUs === null ? null : Number(latencyUs) / 1000 }));
}

/** One page of the log, newest first. */
export async function requestLogPage(db: Db, accountId: number, now: number, filter: RequestLogFilter, req?: PageRequest): Promise<Page<RequestLogRow>> {
  const { page, pageSize, offset } = pageWindow(req);
  const [rows, totals] = await Promise.all([
    selectLines(db, accountId, now, filter, pageSize, offset),
    Promise.all(sources(accountId, now, filter).map(async ({ table, where }) => (await db.select({ n: count() }).from(table).where(where))[0].n)),
  ]);
  return { rows, total: totals.reduce((a, b) => a + Number(b), 0), page, pageSize };
}

/** Every filtered row up to EXPORT_LIMIT, for the CSV export. */
export async function requestLogExport(db: Db, accountId: number, now: number, filter: RequestLogFilter): Promise<RequestLogRow[]> {
  return selectLines(db, accountId, now, filter, EXPORT_LIMIT);
}

/** The error codes the account got in the window, for the result filter. */
export async function requestLogErrorCodes(db: Db, accountId: number, now: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ outcome: apiRequestLog.outcome })
    .from(apiRequestLog)
    .where(conditions(apiRequestLog, accountId, now, {})!)
    .orderBy(apiRequestLog.outcome);
  return rows.map((r) => r.outcome);
}

/** API 密钥's 访问记录: a key's last `limit` calls (the key must be the account's). */
export async function keyRecentCalls(db: Db, accountId: number, keyId: number, now: number, limit = 20): Promise<RequestLogRow[]> {
  const [key] = await db.select({ secretId: apiKeys.secretId }).from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, accountId))).limit(1);
  if (!key) return [];
  return selectLines(db, accountId, now, { secretId: key.secretId }, limit);
}

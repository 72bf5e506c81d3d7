import { and, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pageWindow, type Page, type PageRequest } from '@/db/paging';
import { apiKeys, apiRequestLog, apiRequests } from '@/db/schema';
import { parseIsoTime } from '@/lib/period';
import { REQUEST_LOG_RETENTION_MS } from '@/server/gateway/request-log-retention';

// 请求日志: the account's API requests of the last 30 days, failures included. Metered calls
// are read from api_requests (the billing truth) by RequestId: a failed request has none.

export const OK_OUTCOME = 'OK';
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
  latencyMs: number;
}

const DAY_MS = 24 * 3600 * 1000;

function conditions(accountId: number, now: number, f: RequestLogFilter): SQL {
  const t = apiRequestLog;
  const where: (SQL | undefined)[] = [eq(t.accountId, accountId), gte(t.createdAt, now - REQUEST_LOG_RETENTION_MS)];
  if (f.action) where.push(eq(t.action, f.action));
  if (f.secretId) where.push(eq(t.secretId, f.secretId));
  if (f.result === ANY_ERROR) where.push(ne(t.outcome, OK_OUTCOME));
  else if (f.result) where.push(eq(t.outcome, f.result));
  if (f.day) {
    const start = parseIsoTime(f.day);
    where.push(gte(t.createdAt, start), lt(t.createdAt, start + DAY_MS));
  }
  return and(...where)!;
}

function selectRows(db: Db, where: SQL) {
  return db
    .select({
      requestId: apiRequestLog.requestId,
      at: apiRequestLog.createdAt,
      action: apiRequestLog.action,
      secretId: apiRequestLog.secretId,
      outcome: apiRequestLog.outcome,
      calls: sql<number>`coalesce(${apiRequests.calls}, 0)`.mapWith(Number),
      latencyUs: apiRequestLog.latencyUs,
    })
    .from(apiRequestLog)
    .leftJoin(apiRequests, eq(apiRequests.requestId, apiRequestLog.requestId))
    .where(where)
    .orderBy(desc(apiRequestLog.createdAt), desc(apiRequestLog.requestId));
}

const toRow = ({ latencyUs, ...r }: { latencyUs: number } & Omit<RequestLogRow, 'latencyMs'>): RequestLogRow => ({ ...r, latencyMs: latencyUs / 1000 });

/** One page of the log, newest first. */
export async function requestLogPage(db: Db, accountId: number, now: number, filter: RequestLogFilter, req?: PageRequest): Promise<Page<RequestLogRow>> {
  const { page, pageSize, offset } = pageWindow(req);
  const where = conditions(accountId, now, filter);
  const [rows, [{ total }]] = await Promise.all([
    selectRows(db, where).limit(pageSize).offset(offset),
    db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(apiRequestLog).where(where),
  ]);
  return { rows: rows.map(toRow), total, page, pageSize };
}

/** Every filtered row up to EXPORT_LIMIT, for the CSV export. */
export async function requestLogExport(db: Db, accountId: number, now: number, filter: RequestLogFilter): Promise<RequestLogRow[]> {
  return (await selectRows(db, conditions(accountId, now, filter)).limit(EXPORT_LIMIT)).map(toRow);
}

/** The error codes the account got in the window, for the result filter. */
export async function requestLogErrorCodes(db: Db, accountId: number, now: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ outcome: apiRequestLog.outcome })
    .from(apiRequestLog)
    .where(and(conditions(accountId, now, {}), ne(apiRequestLog.outcome, OK_OUTCOME)))
    .orderBy(apiRequestLog.outcome);
  return rows.map((r) => r.outcome);
}

/** API 密钥's 访问记录: a key's last `limit` calls (the key must be the account's). */
export async function keyRecentCalls(db: Db, accountId: number, keyId: number, now: number, limit = 20): Promise<RequestLogRow[]> {
  const [key] = await db.select({ secretId: apiKeys.secretId }).from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, accountId))).limit(1);
  if (!key) return [];
  return (await selectRows(db, conditions(accountId, now, { secretId: key.secretId })).limit(limit)).map(toRow);
}

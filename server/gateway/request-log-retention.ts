import { lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { apiRequestLog } from '@/db/schema';
import { formatDateTime } from '@/lib/period';
import type { ScheduledJob } from '@/server/clock/scheduler';

/** 请求日志 keeps the last 30 days (app clock); api_requests, the billing truth, is not pruned. */
export const REQUEST_LOG_RETENTION_MS = 30 * 24 * 3600 * 1000;

export async function pruneRequestLog(db: Db, now: number): Promise<number> {
  return transaction(db, async (tx) => affectedRows(await tx.delete(apiRequestLog).where(lt(apiRequestLog.createdAt, now - REQUEST_LOG_RETENTION_MS))));
}

/** Once per app-clock day (UTC+8); a second run of the same day has nothing left to delete. */
export const requestLogPruneJob: ScheduledJob = {
  name: 'request-log-prune',
  duePeriods(now, lastDone) {
    const day = formatDateTime(now).slice(0, 10);
    return lastDone === null || day > lastDone ? [day] : [];
  },
  async runPeriod(db, _day, now) {
    return `删除 ${await pruneRequestLog(db, now)} 条 30 天前的请求日志`;
  },
};

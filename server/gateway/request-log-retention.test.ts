import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { apiRequestLog } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { runDueJobs } from '@/server/clock/scheduler';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { requestLogPruneJob } from './request-log-retention';

describe('请求日志 retention', () => {
  it('the daily job deletes rows older than 30 days (app clock) and keeps the rest; a second run the same day does nothing', async () => {
    const db = await openTestDb();
    const account = await createTestAccount(db);
    const row = (requestId: string, createdAt: number) => ({ requestId, accountId: account.id, secretId: 'AKID', action: 'DetectLabel', outcome: 'OK', latencyUs: 1, createdAt });
    await transaction(db, (tx) => tx.insert(apiRequestLog).values([row('old', at('2019-11-01 09:59')), row('edge', at('2019-11-01 10:00')), row('new', at('2019-12-01'))]));
    const ran = await runDueJobs(db, [requestLogPruneJob], at('2019-12-01 10:00'));
    expect(ran).toEqual([{ job: 'request-log-prune', period: '2019-12-01', detail: '删除 1 条 30 天前的请求日志' }]);
    expect((await db.select().from(apiRequestLog)).map((r) => r.requestId).sort()).toEqual(['edge', 'new']);
    expect(await runDueJobs(db, [requestLogPruneJob], at('2019-12-01 23:00'))).toEqual([]);
  });
});

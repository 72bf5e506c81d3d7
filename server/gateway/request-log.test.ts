import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiRequestLog } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { createTestAccount } from '@/server/testing/fixtures';
import { createRequestLog, OK_OUTCOME } from './request-log';

const line = (requestId: string, accountId: number | null, outcome = 'FailedOperation.ImageDecodeFailed') => ({ requestId, accountId, action: 'DetectLabel', outcome, latencyMs: 12.3, secretId: 'AKIDtest' });

describe('the request log writer', () => {
  it('buffers failures off the request path and writes them in one flush; successes (api_requests rows) and account-less lines are not written', async () => {
    const db = await openTestDb();
    const account = await createTestAccount(db, { now: 1_000 });
    const log = createRequestLog(db, () => 5_000, { flushEveryMs: 60_000 });
    log(line('r1', account.id, OK_OUTCOME));
    log(line('r2', null, 'AuthFailure.SecretIdNotFound'));
    log(line('r3', account.id));
    log(line('r4', account.id, 'RequestLimitExceeded'));
    expect(await db.select().from(apiRequestLog)).toEqual([]);
    await log.flush();
    expect(await db.select().from(apiRequestLog).orderBy(asc(apiRequestLog.requestId))).toEqual([
      { requestId: 'r3', accountId: account.id, secretId: 'AKIDtest', action: 'DetectLabel', outcome: 'FailedOperation.ImageDecodeFailed', latencyUs: 12_300, createdAt: 5_000 },
      { requestId: 'r4', accountId: account.id, secretId: 'AKIDtest', action: 'DetectLabel', outcome: 'RequestLimitExceeded', latencyUs: 12_300, createdAt: 5_000 },
    ]);
  });

  it('flushes at once when the buffer is full, and a flush of nothing writes nothing', async () => {
    const db = await openTestDb();
    const account = await createTestAccount(db, { now: 1_000 });
    const log = createRequestLog(db, () => 5_000, { flushEveryMs: 60_000, flushAtRows: 2 });
    log(line('a', account.id));
    log(line('b', account.id));
    await log.flush(); // waits for the flush the second line started; nothing is left to write
    expect((await db.select().from(apiRequestLog)).map((r) => r.requestId).sort()).toEqual(['a', 'b']);
  });

  it('a write that fails drops its rows and the next flush still writes', async () => {
    const db = await openTestDb();
    const account = await createTestAccount(db, { now: 1_000 });
    const log = createRequestLog(db, () => 5_000, { flushEveryMs: 60_000 });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      log(line('bad', account.id + 999)); // no such account: the foreign key refuses the batch
      await log.flush();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    log(line('good', account.id));
    await log.flush();
    expect((await db.select().from(apiRequestLog)).map((r) => r.requestId)).toEqual(['good']);
  });
});

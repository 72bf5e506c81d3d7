import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { apiKeys, apiRequestLog, apiRequests } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { ANY_ERROR, keyRecentCalls, requestLogErrorCodes, requestLogExport, requestLogPage } from './requests';

async function seed() {
  const db = await openTestDb();
  const me = await createTestAccount(db);
  const other = await createTestAccount(db);
  // A success is its metering row; a failure is a log row.
  const ok = (requestId: string, accountId: number, when: string, calls: number, secretId: string | null = 'AKIDa', action = 'DetectLabel', latencyUs: number | null = 12_345) => ({ requestId, accountId, secretId, action, calls, latencyUs, createdAt: at(when) });
  const failed = (requestId: string, accountId: number, when: string, outcome: string, action = 'DetectLabel') => ({ requestId, accountId, secretId: 'AKIDa', action, outcome, latencyUs: 2_500, createdAt: at(when) });
  await transaction(db, async (tx) => {
    await tx.insert(apiKeys).values([
      { accountId: me.id, secretId: 'AKIDa', secretKeyEnc: 'x', status: 'enabled', createdAt: 0 },
      { accountId: other.id, secretId: 'AKIDo', secretKeyEnc: 'x', status: 'enabled', createdAt: 0 },
    ]);
    await tx.insert(apiRequests).values([
      ok('old', me.id, '2019-11-01 09:00', 1), // past the 30 days
      ok('r0', me.id, '2019-11-19 08:00', 1, null, 'AssessQuality', null), // metered before 请求日志 kept keys and latencies
      ok('r1', me.id, '2019-11-20 10:00', 2),
      ok('r3', me.id, '2019-11-21 11:00', 1, 'AKIDb', 'CropImage'),
      ok('x1', other.id, '2019-11-21 12:00', 1, 'AKIDo'),
    ]);
    await tx.insert(apiRequestLog).values([
      failed('f0', me.id, '2019-11-01 09:30', 'MissingParameter'), // past the 30 days
      failed('r2', me.id, '2019-11-21 10:00', 'FailedOperation.ImageDecodeFailed'),
      failed('r4', me.id, '2019-11-22 09:00', 'RequestLimitExceeded', 'CropImage'),
      failed('x2', other.id, '2019-11-22 09:00', 'MissingParameter'),
    ]);
  });
  return { db, me, other, now: at('2019-12-01 10:00') };
}

describe('请求日志 read models', () => {
  it('a page: the account’s successes (api_requests) and failures (the log) of the last 30 days, merged newest first', async () => {
    const { db, me, now } = await seed();
    const page = await requestLogPage(db, me.id, now, {}, { page: 1, pageSize: 3 });
    expect(page).toEqual({
      total: 5,
      page: 1,
      pageSize: 3,
      rows: [
        { requestId: 'r4', at: at('2019-11-22 09:00'), action: 'CropImage', secretId: 'AKIDa', outcome: 'RequestLimitExceeded', calls: 0, latencyMs: 2.5 },
        { requestId: 'r3', at: at('2019-11-21 11:00'), action: 'CropImage', secretId: 'AKIDb', outcome: 'OK', calls: 1, latencyMs: 12.345 },
        { requestId: 'r2', at: at('2019-11-21 10:00'), action: 'DetectLabel', secretId: 'AKIDa', outcome: 'FailedOperation.ImageDecodeFailed', calls: 0, latencyMs: 2.5 },
      ],
    });
    expect(await requestLogPage(db, me.id, now, {}, { page: 2, pageSize: 3 })).toEqual({
      total: 5,
      page: 2,
      pageSize: 3,
      rows: [
        { requestId: 'r1', at: at('2019-11-20 10:00'), action: 'DetectLabel', secretId: 'AKIDa', outcome: 'OK', calls: 2, latencyMs: 12.345 },
        { requestId: 'r0', at: at('2019-11-19 08:00'), action: 'AssessQuality', secretId: null, outcome: 'OK', calls: 1, latencyMs: null },
      ],
    });
  });

  it('filters by action, key, result and day; each count is of the filtered lines', async () => {
    const { db, me, now } = await seed();
    const ids = async (f: Parameters<typeof requestLogExport>[3]) => (await requestLogExport(db, me.id, now, f)).map((r) => r.requestId);
    const total = async (f: Parameters<typeof requestLogExport>[3]) => (await requestLogPage(db, me.id, now, f)).total;
    expect(await ids({ action: 'CropImage' })).toEqual(['r4', 'r3']);
    expect(await ids({ secretId: 'AKIDa' })).toEqual(['r4', 'r2', 'r1']);
    expect(await ids({ result: ANY_ERROR })).toEqual(['r4', 'r2']);
    expect(await ids({ result: 'OK' })).toEqual(['r3', 'r1', 'r0']);
    expect(await ids({ result: 'FailedOperation.ImageDecodeFailed' })).toEqual(['r2']);
    expect(await ids({ result: 'OK', action: 'CropImage' })).toEqual(['r3']);
    expect(await ids({ day: '2019-11-21' })).toEqual(['r3', 'r2']);
    expect(await ids({ day: '2019-11-01' })).toEqual([]); // beyond the retention
    expect([await total({ action: 'CropImage' }), await total({ result: 'OK' }), await total({ result: ANY_ERROR }), await total({ secretId: 'AKIDa', result: 'OK' })]).toEqual([2, 3, 2, 1]);
    expect(await requestLogErrorCodes(db, me.id, now)).toEqual(['FailedOperation.ImageDecodeFailed', 'RequestLimitExceeded']);
  });

  it('a key’s recent calls: only the account’s own key', async () => {
    const { db, me, other, now } = await seed();
    const [mine] = await db.select().from(apiKeys).orderBy(apiKeys.id).limit(1);
    expect((await keyRecentCalls(db, me.id, mine.id, now)).map((r) => r.requestId)).toEqual(['r4', 'r2', 'r1']);
    expect((await keyRecentCalls(db, me.id, mine.id, now, 2)).map((r) => r.requestId)).toEqual(['r4', 'r2']);
    const [theirs] = await db.select().from(apiKeys).orderBy(apiKeys.id).offset(1).limit(1);
    expect(await keyRecentCalls(db, me.id, theirs.id, now)).toEqual([]);
    expect((await keyRecentCalls(db, other.id, theirs.id, now)).map((r) => r.requestId)).toEqual(['x1']);
  });
});

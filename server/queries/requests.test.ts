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
  const log = (requestId: string, accountId: number, when: string, outcome = 'OK', secretId = 'AKIDa', action = 'DetectLabel') => ({ requestId, accountId, secretId, action, outcome, latencyUs: 12_345, createdAt: at(when) });
  await transaction(db, async (tx) => {
    await tx.insert(apiKeys).values([
      { accountId: me.id, secretId: 'AKIDa', secretKeyEnc: 'x', status: 'enabled', createdAt: 0 },
      { accountId: other.id, secretId: 'AKIDo', secretKeyEnc: 'x', status: 'enabled', createdAt: 0 },
    ]);
    await tx.insert(apiRequestLog).values([
      log('old', me.id, '2019-11-01 09:00'), // past the 30 days
      log('r1', me.id, '2019-11-20 10:00'),
      log('r2', me.id, '2019-11-21 10:00', 'FailedOperation.ImageDecodeFailed'),
      log('r3', me.id, '2019-11-21 11:00', 'OK', 'AKIDb', 'CropImage'),
      log('x1', other.id, '2019-11-21 12:00', 'OK', 'AKIDo'),
    ]);
    await tx.insert(apiRequests).values([
      { requestId: 'r1', accountId: me.id, action: 'DetectLabel', calls: 2, createdAt: at('2019-11-20 10:00') },
      { requestId: 'r3', accountId: me.id, action: 'CropImage', calls: 1, createdAt: at('2019-11-21 11:00') },
    ]);
  });
  return { db, me, other, now: at('2019-12-01 10:00') };
}

describe('请求日志 read models', () => {
  it('a page: the account’s rows of the last 30 days, newest first, metered calls from api_requests (0 for a failure)', async () => {
    const { db, me, now } = await seed();
    const page = await requestLogPage(db, me.id, now, {}, { page: 1, pageSize: 2 });
    expect(page).toEqual({
      total: 3,
      page: 1,
      pageSize: 2,
      rows: [
        { requestId: 'r3', at: at('2019-11-21 11:00'), action: 'CropImage', secretId: 'AKIDb', outcome: 'OK', calls: 1, latencyMs: 12.345 },
        { requestId: 'r2', at: at('2019-11-21 10:00'), action: 'DetectLabel', secretId: 'AKIDa', outcome: 'FailedOperation.ImageDecodeFailed', calls: 0, latencyMs: 12.345 },
      ],
    });
    expect((await requestLogPage(db, me.id, now, {}, { page: 2, pageSize: 2 })).rows.map((r) => r.requestId)).toEqual(['r1']);
  });

  it('filters by action, key, result and day', async () => {
    const { db, me, now } = await seed();
    const ids = async (f: Parameters<typeof requestLogExport>[3]) => (await requestLogExport(db, me.id, now, f)).map((r) => r.requestId);
    expect(await ids({ action: 'CropImage' })).toEqual(['r3']);
    expect(await ids({ secretId: 'AKIDa' })).toEqual(['r2', 'r1']);
    expect(await ids({ result: ANY_ERROR })).toEqual(['r2']);
    expect(await ids({ result: 'OK' })).toEqual(['r3', 'r1']);
    expect(await ids({ result: 'FailedOperation.ImageDecodeFailed' })).toEqual(['r2']);
    expect(await ids({ day: '2019-11-20' })).toEqual(['r1']);
    expect(await ids({ day: '2019-11-01' })).toEqual([]); // beyond the retention
    expect(await requestLogErrorCodes(db, me.id, now)).toEqual(['FailedOperation.ImageDecodeFailed']);
  });

  it('a key’s recent calls: only the account’s own key', async () => {
    const { db, me, other, now } = await seed();
    const [mine] = await db.select().from(apiKeys).orderBy(apiKeys.id).limit(1);
    expect((await keyRecentCalls(db, me.id, mine.id, now)).map((r) => r.requestId)).toEqual(['r2', 'r1']);
    const [theirs] = await db.select().from(apiKeys).orderBy(apiKeys.id).offset(1).limit(1);
    expect(await keyRecentCalls(db, me.id, theirs.id, now)).toEqual([]);
    expect((await keyRecentCalls(db, other.id, theirs.id, now)).map((r) => r.requestId)).toEqual(['x1']);
  });
});

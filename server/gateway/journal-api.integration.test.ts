import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { tiia } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tiia';
import { afterEach, describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { testTempDir } from '@/db/testing';
import { accounts, apiRequests, packs, usageMonthly } from '@/db/schema';
import { shapesImage } from '@/server/engines/sample-images';
import { errorCode, sdkConfig, startTestApi, type TestApi, type TestCustomer } from './test-api';

// The API as `npm start` runs it, with a metering journal: the official SDK's calls are
// answered before they are on the books, then metered once each; an account in arrears is
// still refused before any work, and its refused calls are neither journaled nor metered.

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const journaled = async (intervalMs: number) => {
  const dir = testTempDir('iac-journal-api-');
  return { dir, api: await startTestApi({ gateway: { env: { METER_JOURNAL_DIR: dir, METER_JOURNAL_MS: String(intervalMs) } } }) };
};

const image = async () => (await sharp(await shapesImage(64, 64)).png().toBuffer()).toString('base64');
const assess = (a: TestApi, c: TestCustomer, img: string) => errorCode(new tiia.v20190529.Client(sdkConfig(a, c)).AssessQuality({ ImageBase64: img }));
const metered = async (a: TestApi, accountId: number) => ({
  requests: (await a.db.select().from(apiRequests).where(eq(apiRequests.accountId, accountId))).length,
  usage: (await a.db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId))).map((u) => [u.item, u.totalCalls, u.freeCalls, u.chargedCalls]),
});

/** The account in arrears with `left` of this month's free calls, as the gateway sees it now. */
async function inArrearsWithFreeCalls(a: TestApi, c: TestCustomer, left: number) {
  await transaction(a.db, async (tx) => {
    await tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, c.accountId));
    await tx.update(packs).set({ usedCalls: 10_000 - left }).where(eq(packs.accountId, c.accountId));
  });
  await a.refresh();
}

describe('the API with a metering journal (METER_JOURNAL_DIR)', () => {
  it('SDK calls answered OK are metered once each within the interval', async () => {
    const started = await journaled(50);
    api = started.api;
    const c = await api.customer();
    const img = await image();
    expect(await Promise.all(Array.from({ length: 12 }, () => assess(api!, c, img)))).toEqual(Array(12).fill('no error'));
    await expect.poll(() => metered(api!, c.accountId), { timeout: 5_000 }).toEqual({ requests: 12, usage: [['quality', 12, 12, 0]] });
  });

  it('an account in arrears with its free calls gone is refused: nothing journaled, nothing metered', async () => {
    const started = await journaled(3_600_000);
    api = started.api;
    const c = await api.customer();
    await inArrearsWithFreeCalls(api, c, 0);
    const files = () => fs.readdirSync(started.dir).map((f) => [f, fs.statSync(path.join(started.dir, f)).size]);
    const before = files();
    expect(await assess(api, c, await image())).toBe('ResourceUnavailable.InArrears');
    expect(files()).toEqual(before);
    await api.close(); // meters whatever is journaled
    expect(await metered(api, c.accountId)).toEqual({ requests: 0, usage: [] });
    api = undefined;
  });

  it('an account in arrears is metered before each answer: with 2 free calls left, 2 of 5 concurrent calls answered, both on the books at once', async () => {
    const started = await journaled(3_600_000);
    api = started.api;
    const c = await api.customer();
    await inArrearsWithFreeCalls(api, c, 2);
    const img = await image();
    const codes = await Promise.all(Array.from({ length: 5 }, () => assess(api!, c, img)));
    expect(codes.sort()).toEqual(['ResourceUnavailable.InArrears', 'ResourceUnavailable.InArrears', 'ResourceUnavailable.InArrears', 'no error', 'no error']);
    expect(await metered(api, c.accountId)).toEqual({ requests: 2, usage: [['quality', 2, 2, 0]] });
  });
});

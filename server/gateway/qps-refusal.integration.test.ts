import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { tiia } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tiia';
import { afterEach, describe, expect, it } from 'vitest';
import { apiRequests, usageMonthly } from '@/db/schema';
import { shapesImage } from '@/server/engines/sample-images';
import type { QpsLimiter } from './rate-limiter';
import { errorCode, sdkConfig, startTestApi, type TestApi, type TestCustomer } from './test-api';

// The request path asks the limiter and refuses over the limit before any work, metering
// nothing, whether the limiter answers at once (in process) or with a promise (the host's
// primary, Redis): a promise is truthy, so a path that forgot to await it would let every call through.

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function image() {
  return (await sharp(await shapesImage(64, 64)).png().toBuffer()).toString('base64');
}

const assess = (a: TestApi, c: TestCustomer, img: string) => errorCode(new tiia.v20190529.Client(sdkConfig(a, c)).AssessQuality({ ImageBase64: img }));

async function metered(a: TestApi, accountId: number) {
  return {
    requests: (await a.db.select().from(apiRequests).where(eq(apiRequests.accountId, accountId))).length,
    usage: await a.db.select({ item: usageMonthly.item, calls: usageMonthly.totalCalls }).from(usageMonthly).where(eq(usageMonthly.accountId, accountId)),
  };
}

describe('the QPS limit on the request path', () => {
  it('a limiter answering with a promise of false refuses with RequestLimitExceeded and meters nothing', async () => {
    const asked: [string, number][] = [];
    const limiter: QpsLimiter = {
      tryAcquire: (key, perSecond) => {
        asked.push([key, perSecond]);
        return Promise.resolve(false);
      },
    };
    api = await startTestApi({ gateway: { limiter, defaultQps: 20 } });
    const c = await api.customer();
    expect(await assess(api, c, await image())).toBe('RequestLimitExceeded');
    expect(asked).toEqual([[`${c.accountId}:AssessQuality`, 20]]);
    expect(await metered(api, c.accountId)).toEqual({ requests: 0, usage: [] });
  });

  it('a limiter answering with a promise of true serves and meters the call once', async () => {
    api = await startTestApi({ gateway: { limiter: { tryAcquire: () => Promise.resolve(true) } } });
    const c = await api.customer();
    expect(await assess(api, c, await image())).toBe('no error');
    expect(await metered(api, c.accountId)).toEqual({ requests: 1, usage: [{ item: 'quality', calls: 1 }] });
  });

  it('the default in-process limiter lets 3 of 5 calls through at 3/s and meters only those', async () => {
    api = await startTestApi({ gateway: { defaultQps: 3 } });
    const c = await api.customer();
    const img = await image();
    const codes = await Promise.all(Array.from({ length: 5 }, () => assess(api!, c, img)));
    expect(codes.sort()).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', 'no error', 'no error', 'no error']);
    expect(await metered(api, c.accountId)).toEqual({ requests: 3, usage: [{ item: 'quality', calls: 3 }] });
  });
});

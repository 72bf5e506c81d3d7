import { and, eq } from 'drizzle-orm';
import { tiia } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tiia';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { accounts, apiRequests, packs, usageMonthly } from '@/db/schema';
import { setApiKeyStatus } from '@/server/api-keys/keys';
import { activateAccount } from '@/server/billing';
import { listPacks } from '@/server/queries/packs';
import { usageByDay } from '@/server/queries/usage';
import { readClock } from '@/server/clock/app-clock';
import { blurred, greyImage, noiseImage, shapesImage, solidImage } from '@/server/engines/sample-images';
import { REFRESH_MS } from './gateway';
import { apiError, localizedMessage } from './messages';
import { errorCode, sdkConfig, sdkError, startTestApi, type SdkProfile, type TestApi, type TestCustomer } from './test-api';

// The official Tencent Cloud Node SDK, pointed at this server, is the client here.

let api: TestApi;
let skewMs = 0;

beforeAll(async () => {
  api = await startTestApi({ gateway: { wallNow: () => Date.now() + skewMs } });
});
afterAll(() => api.close());

function client(c: Pick<TestCustomer, 'secretId' | 'secretKey'>, profile: SdkProfile = {}) {
  return new tiia.v20190529.Client(sdkConfig(api, c, 10, profile));
}

const b64 = (buf: Buffer) => buf.toString('base64');

function meteredRequests(accountId: number) {
  return api.db.select().from(apiRequests).where(eq(apiRequests.accountId, accountId));
}

async function usage(accountId: number, item: string) {
  const [row] = await api.db.select().from(usageMonthly).where(and(eq(usageMonthly.accountId, accountId), eq(usageMonthly.item, item)));
  return row;
}

describe('AssessQuality, CropImage and EnhanceImage through the official SDK', () => {
  it('scores a crisp picture above a blurred copy of it and meters both calls', async () => {
    const c = await api.customer();
    const sdk = client(c);
    const crisp = await shapesImage(640, 480);
    const sharpResult = await sdk.AssessQuality({ ImageBase64: b64(crisp) });
    const blurResult = await sdk.AssessQuality({ ImageBase64: b64(await blurred(crisp, 4)) });
    expect(sharpResult).toMatchObject({ LongImage: false, SmallImage: false, BigImage: false, BlackAndWhite: false, PureImage: false });
    expect(sharpResult.ClarityScore).toBeGreaterThan(50);
    expect(blurResult.ClarityScore!).toBeLessThan(sharpResult.ClarityScore! - 30);
    expect(sharpResult.AestheticScore).toBeGreaterThan(0);
    expect(sharpResult.AestheticScore).toBeLessThanOrEqual(100);

    expect((await meteredRequests(c.accountId)).map((r) => r.requestId).sort()).toEqual([sharpResult.RequestId, blurResult.RequestId].sort());
    expect(await usage(c.accountId, 'quality')).toMatchObject({ month: '2019-12', totalCalls: 2, freeCalls: 2, chargedCalls: 0 });
    // What 用量统计 and 资源列表 read, right after the answers: metering committed before them.
    expect(await usageByDay(api.db, c.accountId, '2019-12')).toEqual([expect.objectContaining({ item: 'quality', day: '2019-12-05', totalCalls: 2 })]);
    const freePack = (await listPacks(api.db, c.accountId, (await readClock(api.db)).now)).find((p) => p.item === 'quality');
    expect(freePack).toMatchObject({ kind: 'free', usedCalls: 2 });
  });

  it('flags grey, pure, long, big and small images', async () => {
    const sdk = client(await api.customer());
    expect(await sdk.AssessQuality({ ImageBase64: b64(await greyImage(400, 300, 'jpeg')) })).toMatchObject({ BlackAndWhite: true, PureImage: false });
    expect(await sdk.AssessQuality({ ImageBase64: b64(await solidImage(300, 300)) })).toMatchObject({ PureImage: true, ClarityScore: 0 });
    expect(await sdk.AssessQuality({ ImageBase64: b64(await shapesImage(960, 300)) })).toMatchObject({ LongImage: true });
    expect(await sdk.AssessQuality({ ImageBase64: b64(await shapesImage(1200, 1100, 'jpeg')) })).toMatchObject({ BigImage: true, LongImage: false });
    expect(await sdk.AssessQuality({ ImageBase64: b64(await noiseImage(64, 64)) })).toMatchObject({ SmallImage: true, ClarityScore: 0, AestheticScore: 0 });
  });

  it('crops to the requested ratio around the subject', async () => {
    const c = await api.customer();
    const res = await client(c).CropImage({ ImageBase64: b64(await shapesImage(640, 480)), Width: 1, Height: 1 });
    expect(res).toMatchObject({ Width: 480, Height: 480, OriginalWidth: 640, OriginalHeight: 480, Y: 0, CropResult: 0 });
    // The red disc (centre x = 461) must be inside the crop.
    expect(res.X!).toBeGreaterThan(461 + 105 - 480);
    expect(res.X!).toBeLessThanOrEqual(160);
    expect(await usage(c.accountId, 'crop')).toMatchObject({ totalCalls: 1 });
  });

  it('returns an enhanced image of the same size, metered as enhance', async () => {
    const c = await api.customer();
    const input = await noiseImage(200, 150, 25);
    const res = await client(c).EnhanceImage({ ImageBase64: b64(input) });
    const out = Buffer.from(res.EnhancedImage!, 'base64');
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 200, height: 150 });
    expect(out.equals(input)).toBe(false);
    expect(await usage(c.accountId, 'enhance')).toMatchObject({ totalCalls: 1, chargedCalls: 1 });
  });
});

describe('refusals through the SDK meter nothing', () => {
  let image: string;
  beforeAll(async () => {
    image = b64(await shapesImage(320, 240));
  });

  async function expectNothingMetered(accountId: number) {
    expect(await meteredRequests(accountId)).toEqual([]);
    expect(await api.db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId))).toEqual([]);
  }

  it('wrong SecretKey → AuthFailure.SignatureFailure', async () => {
    const c = await api.customer();
    expect(await errorCode(client({ ...c, secretKey: `${c.secretKey.slice(1)}x` }).AssessQuality({ ImageBase64: image }))).toBe('AuthFailure.SignatureFailure');
    await expectNothingMetered(c.accountId);
  });

  it('disabled key → AuthFailure.SecretIdNotFound within a second', async () => {
    const c = await api.customer();
    await client(c).AssessQuality({ ImageBase64: image });
    await setApiKeyStatus(api.db, { accountId: c.accountId, id: c.keyId, status: 'disabled' });
    // No explicit refresh: the gateway's background loop must pick the change up by itself.
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100));
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('AuthFailure.SecretIdNotFound');
    expect(await meteredRequests(c.accountId)).toHaveLength(1);
  });

  it('timestamp outside ±300 s of the wall clock → AuthFailure.SignatureExpire', async () => {
    const c = await api.customer();
    skewMs = 301_000;
    try {
      expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('AuthFailure.SignatureExpire');
    } finally {
      skewMs = 0;
    }
    await expectNothingMetered(c.accountId);
  });

  it('product not activated → FailedOperation.UnOpenError', async () => {
    const c = await api.customer({ activated: false });
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('FailedOperation.UnOpenError');
    await expectNothingMetered(c.accountId);
  });

  it('an account activated, or out of arrears, is served within a second, without a restart', async () => {
    const c = await api.customer({ activated: false });
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('FailedOperation.UnOpenError');
    await activateAccount(api.db, c.accountId, (await readClock(api.db)).now);
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100)); // the background refresh, not an explicit one
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('no error');

    const setArrears = (inArrears: boolean) =>
      transaction(api.db, async (tx) => {
        await tx.update(accounts).set({ inArrears }).where(eq(accounts.id, c.accountId));
        await tx.update(packs).set({ usedCalls: 10_000 }).where(eq(packs.accountId, c.accountId));
      });
    await setArrears(true);
    await api.refresh();
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('ResourceUnavailable.InArrears');
    await setArrears(false); // what a top-up covering the debt does
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100));
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('no error');
    expect(await meteredRequests(c.accountId)).toHaveLength(2);
  });

  it('in arrears with the free pack used up → ResourceUnavailable.InArrears; never-charged enhance still works', async () => {
    const c = await api.customer();
    await transaction(api.db, async (tx) => {
      await tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, c.accountId));
      await tx.update(packs).set({ usedCalls: 10_000 }).where(eq(packs.accountId, c.accountId));
    });
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: image }))).toBe('ResourceUnavailable.InArrears');
    expect(await errorCode(client(c).CropImage({ ImageBase64: image, Width: 1, Height: 1 }))).toBe('ResourceUnavailable.InArrears');
    await expectNothingMetered(c.accountId);
    await client(c).EnhanceImage({ ImageBase64: image });
    expect(await usage(c.accountId, 'enhance')).toMatchObject({ totalCalls: 1 });
  });

  it('corrupt image → FailedOperation.ImageDecodeFailed; GIF → FailedOperation.ImageNotSupported', async () => {
    const c = await api.customer();
    const png = await shapesImage(320, 240);
    const truncated = png.subarray(0, png.length >> 1);
    const garbage = Buffer.concat([png.subarray(0, 33), Buffer.alloc(500, 7)]);
    for (const bad of [truncated, garbage]) {
      expect(await errorCode(client(c).AssessQuality({ ImageBase64: b64(bad) }))).toBe('FailedOperation.ImageDecodeFailed');
    }
    expect(await errorCode(client(c).AssessQuality({ ImageBase64: b64(Buffer.from('GIF89a not accepted here')) }))).toBe('FailedOperation.ImageNotSupported');
    await expectNothingMetered(c.accountId);
  });

  it('a scene without an engine → UnsupportedOperation; CropImage without Width → MissingParameter', async () => {
    const c = await api.customer();
    const sdk = client(c);
    // Newer SDKs dropped ImageModeration from TiiaClient; the generic request() still signs it.
    expect(await errorCode(sdk.request('ImageModeration', { ImageBase64: image, Scenes: ['TEXT'] }))).toBe('UnsupportedOperation');
    expect(await errorCode(sdk.request('NoSuchAction', { ImageBase64: image }))).toBe('InvalidAction');
    expect(await errorCode(sdk.CropImage({ ImageBase64: image } as never))).toBe('MissingParameter');
    await expectNothingMetered(c.accountId);
  });
});

describe('GET, languages and signature methods through the Node SDK', () => {
  it('TC3-signed GET carries the parameters in the query string and is metered like POST', async () => {
    const c = await api.customer();
    const sdk = client(c, { reqMethod: 'GET' });
    const image = b64(await shapesImage(320, 240));
    const quality = await sdk.AssessQuality({ ImageBase64: image });
    expect(quality).toMatchObject({ LongImage: false, SmallImage: false });
    // Width and Height arrive as the strings "1": read back as the integers they were.
    const crop = await sdk.CropImage({ ImageBase64: image, Width: 1, Height: 1 });
    expect(crop).toMatchObject({ Width: 240, Height: 240, OriginalWidth: 320, CropResult: 0 });
    expect((await meteredRequests(c.accountId)).map((r) => r.requestId).sort()).toEqual([quality.RequestId, crop.RequestId].sort());
    expect(await usage(c.accountId, 'quality')).toMatchObject({ totalCalls: 1 });
    expect(await usage(c.accountId, 'crop')).toMatchObject({ totalCalls: 1 });
  });

  it('answers errors in the language the SDK asks for, Chinese by default', async () => {
    const c = await api.customer({ activated: false });
    const image = b64(await shapesImage(64, 64));
    const expected = (language: 'zh-CN' | 'en-US') => ({ code: 'FailedOperation.UnOpenError', message: localizedMessage(apiError('notActivated'), language) });
    expect(await sdkError(client(c).AssessQuality({ ImageBase64: image }))).toEqual(expected('zh-CN'));
    expect(await sdkError(client(c, { language: 'en-US' }).AssessQuality({ ImageBase64: image }))).toEqual(expected('en-US'));
    const active = await api.customer();
    expect(await sdkError(client(active, { language: 'en-US', reqMethod: 'GET' }).CropImage({ ImageBase64: image, Width: 0, Height: 1 }))).toEqual({
      code: 'InvalidParameterValue',
      message: 'Width must be a positive integer',
    });
    expect([...(await meteredRequests(c.accountId)), ...(await meteredRequests(active.accountId))]).toEqual([]);
  });

  it('refuses the older HmacSHA1 / HmacSHA256 signatures by name, metering nothing', async () => {
    const c = await api.customer();
    const image = b64(await shapesImage(64, 64));
    for (const signMethod of ['HmacSHA1', 'HmacSHA256'] as const) {
      for (const reqMethod of ['POST', 'GET'] as const) {
        expect(await sdkError(client(c, { signMethod, reqMethod, language: 'en-US' }).AssessQuality({ ImageBase64: image }))).toEqual({
          code: 'AuthFailure.SignatureFailure',
          message: localizedMessage(apiError('legacySignature', { method: signMethod }), 'en-US'),
        });
      }
    }
    expect(await meteredRequests(c.accountId)).toEqual([]);
    expect(await api.db.select().from(usageMonthly).where(eq(usageMonthly.accountId, c.accountId))).toEqual([]);
  });
});

it('logs every answer with RequestId, account, action, outcome, latency and (once verified) the SecretId', () => {
  expect(api.log.length).toBeGreaterThan(10);
  for (const { secretId, ...line } of api.log) {
    const accountId = line.outcome.startsWith('AuthFailure') ? null : expect.any(Number);
    expect(line).toEqual({ requestId: expect.any(String), accountId, action: expect.any(String), outcome: expect.any(String), latencyMs: expect.any(Number) });
    if (line.outcome === 'OK') expect(secretId).toMatch(/^AKID/);
  }
  expect(api.log.some((l) => l.outcome === 'ResourceUnavailable.InArrears')).toBe(true);
});

import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { accounts, apiRequests, packs, usageMonthly } from '@/db/schema';
import { setApiKeyStatus } from '@/server/api-keys/keys';
import { noiseImage, shapesImage } from '@/server/engines/sample-images';
import { fixturePhoto } from '@/server/testing/face-photos';
import { REFRESH_MS } from './gateway';
import { apiError, localizedMessage, type MessageId, type MessageParams } from './messages';
import { runPythonCases, type PythonCase, type PythonResult } from './sdk-python/python-sdk';
import { PHOTO_HOST, startModelTestApi } from './model-test-api';
import type { TestApi, TestCustomer } from './test-api';

// The official Python SDK (../shared/clients/tencentcloud-sdk-python) as the client: every
// action with real images through TC3 POST and TC3 GET, the Node suite's refusals, both
// languages and the refused v1 signatures, each case on an account of its own so its
// metering is known exactly. A GET sends its photo as ImageUrl (PHOTO_HOST, model-test-api.ts).

const b64 = (buf: Buffer) => buf.toString('base64');

let api: TestApi;
let skewMs = 0;

beforeAll(async () => {
  api = await startModelTestApi({ gateway: { wallNow: () => Date.now() + skewMs } });
}, 60_000);
afterAll(() => api.close());

interface Expected {
  /** Calls metered per item on the case's account; {} for a refusal. */
  usage: Record<string, number>;
  code?: string;
  /** The exact message, from the catalog in the case's language. */
  message?: [MessageId, MessageParams?];
  check?: (response: Record<string, any>) => void | Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Case extends Omit<PythonCase, 'secretId' | 'secretKey'> {
  /** A fresh activated account of its own when not given. */
  customer?: TestCustomer;
  expected: Expected;
}

async function usage(accountId: number) {
  const rows = await api.db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
  return Object.fromEntries(rows.map((r) => [r.item, r.totalCalls]));
}

async function run(cases: Case[]): Promise<void> {
  for (const c of cases) c.customer ??= await api.customer();
  const results = await runPythonCases(
    api.endpoint,
    cases.map(({ customer, id, action, params, reqMethod, signMethod, language, unsignedPayload, client }) => ({
      id,
      action,
      params,
      reqMethod,
      signMethod,
      language,
      unsignedPayload,
      client,
      secretId: customer!.secretId,
      secretKey: customer!.secretKey,
    })),
  );
  for (const c of cases) {
    const result = results.get(c.id) as PythonResult;
    const { expected } = c;
    if (expected.code) {
      expect(result, c.id).toMatchObject({ ok: false, code: expected.code, requestId: expect.any(String) });
      if (expected.message) {
        const [id, params] = expected.message;
        expect((result as { message: string }).message, c.id).toBe(localizedMessage(apiError(id, params), c.language ?? 'zh-CN'));
      }
    } else {
      expect(result, c.id).toMatchObject({ ok: true });
      if (!result.ok) continue;
      // Typed calls: every field of the answer is one the SDK's 2019-05-29 models know.
      if (result.unknownFields) expect(result.unknownFields, c.id).toEqual([]);
      await expected.check?.(result.response);
      const total = Object.values(expected.usage).reduce((a, b) => a + b, 0);
      const rows = await api.db.select().from(apiRequests).where(eq(apiRequests.accountId, c.customer!.accountId));
      expect(rows.map((r) => [r.requestId, r.calls]), c.id).toContainEqual([result.response.RequestId, total]);
    }
    expect(await usage(c.customer!.accountId), c.id).toEqual(expected.usage);
  }
}

const both = ['POST', 'GET'] as const;

describe('the official Python SDK against the API', () => {
  it('runs every action through TC3 POST and TC3 GET, each metered exactly', async () => {
    const shapes = b64(await shapesImage(320, 240));
    const cases: Case[] = [];
    const add = (id: string, c: Omit<Case, 'id' | 'customer'>) => cases.push({ id, ...c });
    /** A photo: inline for a POST, by address for a GET. */
    const image = (m: 'POST' | 'GET', name: string) => (m === 'GET' ? { ImageUrl: PHOTO_HOST + name } : { ImageBase64: b64(fixturePhoto(name)) });

    const size = async (name: string) => {
      const { width, height } = await sharp(fixturePhoto(name)).metadata();
      return { width: width!, height: height! };
    };
    const cat = await size('cat.jpg');
    const rocket = await size('rocket.jpg');

    for (const m of both) {
      add(`AssessQuality ${m}`, {
        action: 'AssessQuality',
        reqMethod: m,
        params: image(m, 'coffee.jpg'),
        expected: {
          usage: { quality: 1 },
          check: (r) => {
            expect(r).toMatchObject({ LongImage: false, BlackAndWhite: false, SmallImage: false, BigImage: false, PureImage: false });
            for (const score of [r.ClarityScore, r.AestheticScore]) expect(Number.isInteger(score) && score > 0 && score <= 100).toBe(true);
          },
        },
      });
      add(`AssessQuality synthetic, unsigned payload ${m}`, {
        action: 'AssessQuality',
        reqMethod: m,
        unsignedPayload: true,
        params: { ImageBase64: shapes },
        expected: { usage: { quality: 1 }, check: (r) => expect(r.ClarityScore).toBeGreaterThan(50) },
      });
      add(`AssessQuality small ${m}`, {
        action: 'AssessQuality',
        reqMethod: m,
        params: { ImageBase64: b64(await noiseImage(64, 64)) },
        expected: { usage: { quality: 1 }, check: (r) => expect(r).toMatchObject({ SmallImage: true, ClarityScore: 0, AestheticScore: 0, PureImage: false }) },
      });
      add(`CropImage ${m}`, {
        action: 'CropImage',
        reqMethod: m,
        params: { ...image(m, 'cat.jpg'), Width: 1, Height: 1 },
        expected: {
          usage: { crop: 1 },
          check: (r) => {
            const side = Math.min(cat.width, cat.height);
            expect(r).toMatchObject({ Width: side, Height: side, OriginalWidth: cat.width, OriginalHeight: cat.height, CropResult: 0 });
            expect(r.X + r.Width).toBeLessThanOrEqual(cat.width);
            expect(r.Y + r.Height).toBeLessThanOrEqual(cat.height);
          },
        },
      });
      add(`EnhanceImage ${m}`, {
        action: 'EnhanceImage',
        reqMethod: m,
        params: image(m, 'rocket.jpg'),
        expected: {
          usage: { enhance: 1 },
          check: async (r) => expect(await sharp(Buffer.from(r.EnhancedImage, 'base64')).metadata()).toMatchObject({ format: 'jpeg', ...rocket }),
        },
      });
      add(`DetectLabel ${m}`, {
        action: 'DetectLabel',
        reqMethod: m,
        params: { ...image(m, 'coffee.jpg'), ...(m === 'POST' ? { Scenes: ['WEB', 'CAMERA'] } : { Scenes: ['ALBUM'] }) },
        expected: {
          usage: { label: m === 'POST' ? 2 : 1 },
          check: (r) => {
            const asked = m === 'POST' ? ['Labels', 'CameraLabels'] : ['AlbumLabels'];
            for (const field of ['Labels', 'CameraLabels', 'AlbumLabels', 'NewsLabels']) {
              if (asked.includes(field)) expect(r[field]).toEqual(expect.arrayContaining([expect.objectContaining({ Name: '杯子', FirstCategory: '物品' })]));
              else expect(r[field], field).toBeNull();
            }
          },
        },
      });
      add(`DetectProduct ${m}`, {
        action: 'DetectProduct',
        reqMethod: m,
        params: image(m, 'coffee.jpg'),
        expected: { usage: { product: 1 }, check: (r) => expect(r.Products[0]).toMatchObject({ Name: '杯子', Parents: '商品-餐具' }) },
      });
      add(`RecognizeCar ${m}`, {
        action: 'RecognizeCar',
        reqMethod: m,
        params: image(m, m === 'POST' ? 'car.jpg' : 'motorcycle.jpg'),
        expected: {
          usage: { car: 1 },
          check: (r) => {
            expect(r.CarCoords).toHaveLength(4);
            expect(r.CarTags[0]).toMatchObject({ Type: m === 'POST' ? '小型汽车' : '摩托车', Brand: '', Serial: '', Year: 0, PlateContent: null });
            expect(r.CarTags[0].CarLocation).toHaveLength(4);
          },
        },
      });
      add(`DetectCelebrity ${m}`, {
        action: 'DetectCelebrity',
        client: 'common',
        reqMethod: m,
        params: image(m, m === 'POST' ? 'astronaut.jpg' : 'messi.jpg'),
        expected: {
          usage: { celebrity: 1 },
          check: (r) => {
            expect(r.Threshold).toBeNull();
            expect(r.Faces).toHaveLength(1);
            if (m === 'POST') {
              expect(r.Faces[0]).toMatchObject({ Name: 'Eileen Collins', Labels: [{ FirstLabel: '宇航员', SecondLabel: null }], BasicInfo: '美国宇航员' });
              expect(r.Faces[0].ID).toMatch(/^\d{8}$/);
            } else expect(r.Faces[0]).toMatchObject({ Name: '', Labels: [], BasicInfo: '', ID: null, Width: expect.any(Number) });
          },
        },
      });
      add(`ImageModeration ${m}`, {
        action: 'ImageModeration',
        client: 'common',
        reqMethod: m,
        params: { ...image(m, 'astronaut.jpg'), Scenes: m === 'POST' ? ['PORN', 'TERRORISM'] : ['POLITICS'], Extra: `job-${m}`, Config: '' },
        expected: {
          usage: m === 'POST' ? { porn: 1, terrorism: 1 } : { politics: 1 },
          check: (r) => {
            expect(r).toMatchObject({ Extra: `job-${m}`, DisgustResult: null });
            if (m === 'POST') {
              expect(r).toMatchObject({ Suggestion: 'PASS', PoliticsResult: null });
              expect(r.PornResult).toEqual({ Code: 0, Msg: 'OK', Suggestion: 'PASS', Confidence: expect.any(Number), Type: 'LABEL', AdvancedInfo: '' });
              expect(r.TerrorismResult).toMatchObject({ Code: 0, Suggestion: 'PASS', Type: 'LABEL', FaceResults: [] });
            } else {
              expect(r).toMatchObject({ Suggestion: 'BLOCK', PornResult: null, TerrorismResult: null });
              expect(r.PoliticsResult).toMatchObject({ Code: 0, Suggestion: 'BLOCK', Type: 'FACE', FaceResults: [{ Candidates: [{ Name: 'Eileen Collins' }] }] });
            }
          },
        },
      });
    }
    await run(cases);
  }, 120_000);

  it('gets every refusal of the Node suite as an SDK error, in either language, metering nothing', async () => {
    const image = b64(await shapesImage(320, 240));
    const png = await shapesImage(320, 240);
    const cases: Case[] = [];
    const refuse = (id: string, code: string, c: Omit<Case, 'id' | 'customer' | 'expected'> & { customer?: TestCustomer }, message?: Expected['message']) =>
      cases.push({ ...c, id, expected: { usage: {}, code, message } });
    const inArrears = await api.customer();
    await transaction(api.db, async (tx) => {
      await tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, inArrears.accountId));
      await tx.update(packs).set({ usedCalls: 10_000 }).where(eq(packs.accountId, inArrears.accountId));
    });
    await api.refresh();

    for (const language of ['zh-CN', 'en-US'] as const) {
      const wrongKey = await api.customer();
      refuse(`wrong key ${language}`, 'AuthFailure.SignatureFailure', {
        customer: { ...wrongKey, secretKey: `${wrongKey.secretKey.slice(1)}x` },
        action: 'AssessQuality',
        params: { ImageBase64: image },
        language,
      }, ['signatureMismatch']);
      refuse(`not activated ${language}`, 'FailedOperation.UnOpenError', { customer: await api.customer({ activated: false }), action: 'AssessQuality', params: { ImageBase64: image }, language }, ['notActivated']);
      refuse(`GIF ${language}`, 'FailedOperation.ImageNotSupported', { action: 'AssessQuality', params: { ImageBase64: b64(Buffer.from('GIF89a not accepted here')) }, language }, ['imageNotSupported']);
      refuse(`no Width ${language}`, 'MissingParameter', { action: 'CropImage', params: { ImageBase64: image, Height: 1 }, language, reqMethod: 'GET' }, ['missingParameter', { name: 'Width' }]);
      refuse(`TEXT scene ${language}`, 'UnsupportedOperation', { action: 'ImageModeration', client: 'common', params: { ImageBase64: image, Scenes: ['TEXT'] }, language }, [
        'sceneWithoutEngine',
        { engine: '图文审核（OCR）', engineEn: 'text-in-image (OCR)', scene: 'TEXT' },
      ]);
      refuse(`no face ${language}`, 'InvalidParameterValue.NoFaceInPhoto', { action: 'DetectCelebrity', client: 'common', params: { ImageBase64: b64(fixturePhoto('rocket.jpg')) }, language }, ['noFace']);
      for (const signMethod of ['HmacSHA1', 'HmacSHA256'] as const) {
        for (const reqMethod of both) {
          refuse(`${signMethod} ${reqMethod} ${language}`, 'AuthFailure.SignatureFailure', { action: 'AssessQuality', params: { ImageBase64: image }, signMethod, reqMethod, language }, [
            'legacySignature',
            { method: signMethod },
          ]);
        }
      }
    }
    refuse('in arrears', 'ResourceUnavailable.InArrears', { customer: inArrears, action: 'AssessQuality', params: { ImageBase64: image } }, ['inArrears']);
    refuse('corrupt', 'FailedOperation.ImageDecodeFailed', { action: 'AssessQuality', params: { ImageBase64: b64(png.subarray(0, png.length >> 1)) } });
    refuse('unknown action', 'InvalidAction', { action: 'NoSuchAction', client: 'common', params: { ImageBase64: image } }, ['unknownAction', { action: 'NoSuchAction' }]);
    refuse('GET over 32 KB', 'RequestSizeLimitExceeded', { action: 'AssessQuality', reqMethod: 'GET', params: { ImageBase64: b64(Buffer.alloc(30_000, 7)) } }, [
      'requestTooLarge',
      { method: 'GET', kb: 32 },
    ]);
    await run(cases);
    // The in-arrears account's never-charged enhance still works, through GET too.
    await run([{ id: 'arrears enhance', customer: inArrears, action: 'EnhanceImage', reqMethod: 'GET', params: { ImageBase64: image }, expected: { usage: { enhance: 1 } } }]);
  }, 60_000);

  it('refuses a disabled key within a second and a timestamp outside ±300 s', async () => {
    const image = b64(await shapesImage(320, 240));
    const disabled = await api.customer();
    await run([{ id: 'before disabling', customer: disabled, action: 'AssessQuality', params: { ImageBase64: image }, expected: { usage: { quality: 1 } } }]);
    await setApiKeyStatus(api.db, { accountId: disabled.accountId, id: disabled.keyId, status: 'disabled' });
    // No explicit refresh: the gateway's background loop must pick the change up by itself.
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS + 100));
    await run([
      {
        id: 'disabled',
        customer: disabled,
        action: 'AssessQuality',
        reqMethod: 'GET',
        params: { ImageBase64: image },
        language: 'en-US',
        expected: { usage: { quality: 1 }, code: 'AuthFailure.SecretIdNotFound', message: ['secretIdNotFound'] },
      },
    ]);
    skewMs = 301_000;
    // The big body is refused from the headers before it is read; the SDK still sends all of it and gets the answer.
    const big = b64(Buffer.alloc(2_900_000, 7));
    try {
      await run(
        (['zh-CN', 'en-US'] as const).flatMap((language) =>
          [image, big].map((ImageBase64) => ({
            id: `expired ${language} ${ImageBase64.length} chars`,
            action: 'AssessQuality',
            params: { ImageBase64 },
            language,
            expected: { usage: {}, code: 'AuthFailure.SignatureExpire', message: ['signatureExpired', { seconds: 300 }] as Expected['message'] },
          })),
        ),
      );
    } finally {
      skewMs = 0;
    }
  }, 30_000);
});

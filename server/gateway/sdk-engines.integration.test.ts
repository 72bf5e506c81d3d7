import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { CommonClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/common_client';
import { tiia } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tiia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequests, usageMonthly } from '@/db/schema';
import { PHOTO_HOST, startModelTestApi } from './model-test-api';
import { errorCode, sdkConfig, sdkError, type TestApi, type TestCustomer } from './test-api';

// The model engines through the API server, called with the official Tencent Cloud Node SDK:
// TiiaClient for the actions it lists, CommonClient for ImageModeration and DetectCelebrity,
// which it dropped.

let api: TestApi;
const photo = (name: string) => readFileSync(path.join(__dirname, '..', 'engines', 'fixtures', name)).toString('base64');

beforeAll(async () => {
  api = await startModelTestApi();
}, 60_000);
afterAll(() => api.close());

const config = (c: TestCustomer) => sdkConfig(api, c, 20);
const tiiaClient = (c: TestCustomer) => new tiia.v20190529.Client(config(c));
const commonClient = (c: TestCustomer) => new CommonClient(api.endpoint, '2019-05-29', config(c));

async function usage(accountId: number) {
  const rows = await api.db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
  return Object.fromEntries(rows.map((r) => [r.item, r.totalCalls]));
}

describe('model engines through the official SDK', () => {
  it('DetectLabel labels the coffee photo in each requested scene and meters one label call per scene', async () => {
    const c = await api.customer();
    const sdk = tiiaClient(c);
    const web = await sdk.DetectLabel({ ImageBase64: photo('coffee.jpg') });
    expect(web.Labels).toEqual(expect.arrayContaining([expect.objectContaining({ Name: '杯子', FirstCategory: '物品' })]));
    for (const l of web.Labels!) expect(l.Confidence).toBeGreaterThan(0);
    expect(web).toMatchObject({ CameraLabels: null, AlbumLabels: null, NewsLabels: null });
    expect(await usage(c.accountId)).toEqual({ label: 1 });
    const two = await sdk.DetectLabel({ ImageBase64: photo('coffee.jpg'), Scenes: ['CAMERA', 'ALBUM', 'CAMERA'] });
    expect(two).toMatchObject({ Labels: null, NewsLabels: null, CameraLabels: web.Labels, AlbumLabels: web.Labels });
    expect(await usage(c.accountId)).toEqual({ label: 3 });
    const [req] = await api.db.select().from(apiRequests).where(eq(apiRequests.requestId, two.RequestId!));
    expect(req).toMatchObject({ accountId: c.accountId, calls: 2 });
  });

  it('DetectProduct boxes the cup and meters one product call', async () => {
    const c = await api.customer();
    const res = await tiiaClient(c).DetectProduct({ ImageBase64: photo('coffee.jpg') });
    expect(res.Products![0]).toMatchObject({ Name: '杯子', Parents: '商品-餐具' });
    const p = res.Products![0];
    expect(p.XMax!).toBeGreaterThan(p.XMin!);
    expect(p.YMax!).toBeGreaterThan(p.YMin!);
    expect(await usage(c.accountId)).toEqual({ product: 1 });
  });

  it('RecognizeCar finds the car and the motorcycle: four corners, type, colour, no invented brand', async () => {
    const c = await api.customer();
    const car = await tiiaClient(c).RecognizeCar({ ImageBase64: photo('car.jpg') });
    expect(car.CarCoords).toHaveLength(4);
    expect(car.CarTags![0]).toMatchObject({ Type: '小型汽车', Color: '灰色', Brand: '', Serial: '', Year: 0 });
    const moto = await tiiaClient(c).RecognizeCar({ ImageBase64: photo('motorcycle.jpg') });
    expect(moto.CarTags![0]).toMatchObject({ Type: '摩托车', Color: '红色', Brand: '', Serial: '', Year: 0 });
    expect(moto.CarTags![0].Confidence).toBeGreaterThan(30);
    expect(await usage(c.accountId)).toEqual({ car: 2 });
  });

  it('ImageModeration (CommonClient) answers PORN and TERRORISM, metering one call of each scene', async () => {
    const c = await api.customer();
    const res = await commonClient(c).request('ImageModeration', { ImageBase64: photo('astronaut.jpg'), Scenes: ['PORN', 'TERRORISM'], Extra: 'batch 7', Config: '' });
    expect(res).toMatchObject({
      Suggestion: 'PASS',
      PornResult: { Code: 0, Msg: 'OK', Suggestion: 'PASS', Confidence: expect.any(Number), Type: 'LABEL', AdvancedInfo: '' },
      TerrorismResult: { Code: 0, Msg: 'OK', Suggestion: 'PASS', Confidence: expect.any(Number), Type: 'LABEL', FaceResults: [] },
      PoliticsResult: null,
      DisgustResult: null,
      Extra: 'batch 7',
    });
    expect(await usage(c.accountId)).toEqual({ porn: 1, terrorism: 1 });
    const [req] = await api.db.select().from(apiRequests).where(and(eq(apiRequests.accountId, c.accountId), eq(apiRequests.action, 'ImageModeration')));
    expect(req).toMatchObject({ requestId: res.RequestId, calls: 2 });
  });

  it('DetectCelebrity (CommonClient) names the enrolled face, leaves another unnamed, one celebrity call each; no face is refused', async () => {
    const c = await api.customer();
    const sdk = commonClient(c);
    const known = await sdk.request('DetectCelebrity', { ImageBase64: photo('astronaut.jpg') });
    expect(known.Faces).toHaveLength(1);
    expect(known.Faces[0]).toMatchObject({
      Name: 'Eileen Collins',
      Labels: [{ FirstLabel: '宇航员', SecondLabel: null }],
      ID: expect.stringMatching(/^\d{8}$/),
      BasicInfo: '美国宇航员',
      Confidence: expect.any(Number),
      X: expect.any(Number),
      Y: expect.any(Number),
      Width: expect.any(Number),
      Height: expect.any(Number),
    });
    expect(known.Faces[0].Confidence).toBeGreaterThanOrEqual(70);
    const unknown = await sdk.request('DetectCelebrity', { ImageBase64: photo('messi.jpg') });
    expect(unknown).toMatchObject({ Threshold: null, Faces: [{ Name: '', Labels: [], BasicInfo: '', ID: null }] });
    const english = new CommonClient(api.endpoint, '2019-05-29', { ...config(c), profile: { ...config(c).profile, language: 'en-US' } });
    expect(await sdkError(english.request('DetectCelebrity', { ImageBase64: photo('rocket.jpg') }))).toEqual({
      code: 'InvalidParameterValue.NoFaceInPhoto',
      message: 'No face was found in the image',
    });
    expect(await usage(c.accountId)).toEqual({ celebrity: 2 });
  });

  it('ImageModeration POLITICS blocks the listed person and passes another face, one politics call per scene', async () => {
    const c = await api.customer();
    const sdk = commonClient(c);
    const listed = await sdk.request('ImageModeration', { ImageBase64: photo('astronaut.jpg'), Scenes: ['POLITICS', 'PORN'] });
    expect(listed).toMatchObject({
      Suggestion: 'BLOCK',
      PoliticsResult: { Code: 0, Msg: 'OK', Suggestion: 'BLOCK', Confidence: expect.any(Number), Type: 'FACE', FaceResults: [{ Candidates: [{ Name: 'Eileen Collins' }] }] },
      PornResult: { Suggestion: 'PASS' },
      TerrorismResult: null,
      Extra: null,
    });
    const other = await sdk.request('ImageModeration', { ImageBase64: photo('messi.jpg'), Scenes: ['POLITICS'] });
    expect(other).toMatchObject({ Suggestion: 'PASS', PoliticsResult: { Suggestion: 'PASS' } });
    expect(await usage(c.accountId)).toEqual({ politics: 2, porn: 1 });
  });

  it('TC3 GET: DetectLabel Scenes and ImageModeration Extra through the query string, the photo by ImageUrl', async () => {
    const c = await api.customer();
    const get = sdkConfig(api, c, 20, { reqMethod: 'GET' });
    const labels = await new tiia.v20190529.Client(get).DetectLabel({ ImageUrl: `${PHOTO_HOST}coffee.jpg`, Scenes: ['WEB', 'NEWS'] });
    expect(labels).toMatchObject({ CameraLabels: null, AlbumLabels: null });
    expect(labels.Labels).toEqual(expect.arrayContaining([expect.objectContaining({ Name: '杯子' })]));
    expect(labels.NewsLabels).toEqual(labels.Labels);
    const moderation = await new CommonClient(api.endpoint, '2019-05-29', get).request('ImageModeration', {
      ImageUrl: `${PHOTO_HOST}astronaut.jpg`,
      Scenes: ['PORN'],
      Extra: 'id=7&next=a b',
    });
    expect(moderation).toMatchObject({ Suggestion: 'PASS', PornResult: { Type: 'LABEL' }, TerrorismResult: null, Extra: 'id=7&next=a b' });
    expect(await usage(c.accountId)).toEqual({ label: 2, porn: 1 });
  });

  it('ImageModeration refuses TEXT (no OCR engine) and a missing Scenes, metering nothing', async () => {
    const c = await api.customer();
    const sdk = commonClient(c);
    expect(await errorCode(sdk.request('ImageModeration', { ImageBase64: photo('cat.jpg'), Scenes: ['PORN', 'TEXT'] }))).toBe('UnsupportedOperation');
    expect(await errorCode(sdk.request('ImageModeration', { ImageBase64: photo('cat.jpg') }))).toBe('MissingParameter');
    expect(await usage(c.accountId)).toEqual({});
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/server/gateway/envelope';
import { dominantColour, pixelColourName } from './car-color';
import { COCO_CLASSES } from './coco-labels';
import { decodeImage, type DecodedImage } from './decode';
import { detectCelebrity, politicsResult, type GalleryFace } from './detect-celebrity';
import { detectLabel } from './detect-label';
import { detectProduct } from './detect-product';
import { imageModeration, parseScenes, pornResult } from './image-moderation';
import { detectObjects, warmDetector } from './models/detector';
import { cosine, detectFaces, warmFaces } from './models/faces';
import { warmNsfw } from './models/nsfw';
import { recognizeCar } from './recognize-car';
import { solidImage } from './sample-images';
import { alteredAstronaut } from '@/server/testing/face-photos';

// The model engines on real photos (fixtures/SOURCES.md). Models load once for this file.
// Inference is 0.1–0.4 s of CPU a photo; with other suites on the two cores a test of six
// photos took 13 s, so the guard is a minute, not vitest's 5 s.
vi.setConfig({ testTimeout: 60_000 });

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name));
const photos: Record<string, DecodedImage> = {};

beforeAll(async () => {
  await Promise.all([warmDetector(), warmNsfw(), warmFaces()]);
  for (const name of ['cat', 'coffee', 'astronaut', 'motorcycle', 'rocket', 'car', 'messi']) photos[name] = await decodeImage(fixture(`${name}.jpg`));
}, 60_000);

describe('COCO class table', () => {
  it('has the 80 classes in detector order with Chinese names', () => {
    expect(COCO_CLASSES).toHaveLength(80);
    expect([COCO_CLASSES[0].en, COCO_CLASSES[2].en, COCO_CLASSES[41].en, COCO_CLASSES[79].en]).toEqual(['person', 'car', 'cup', 'toothbrush']);
    for (const c of COCO_CLASSES) {
      expect(c.zh).toMatch(/\p{Script=Han}/u);
      expect(Boolean(c.parents)).toBe(c.kind === 'goods');
    }
    expect(COCO_CLASSES.filter((c) => c.kind === 'vehicle').map((c) => c.en)).toEqual(['car', 'motorcycle', 'bus', 'truck']);
    expect(COCO_CLASSES.filter((c) => c.kind === 'weapon').map((c) => c.en).sort()).toEqual(['baseball bat', 'knife', 'scissors']);
  });
});

describe('detector', () => {
  it('finds the cup, the person and the motorcycle with boxes inside the image', async () => {
    for (const [name, en] of [['coffee', 'cup'], ['astronaut', 'person'], ['motorcycle', 'motorcycle']] as const) {
      const { detections } = await detectObjects(photos[name]);
      expect(detections[0].cls.en, name).toBe(en);
      for (const d of detections) {
        expect(d.x1).toBeGreaterThanOrEqual(0);
        expect(d.x2).toBeLessThanOrEqual(photos[name].width);
        expect(d.y2).toBeLessThanOrEqual(photos[name].height);
        expect(d.x2).toBeGreaterThan(d.x1);
      }
    }
  });

  it('sees an RGBA PNG (a 4-channel analysis raster) as the same picture without alpha', async () => {
    const small = sharp(fixture('coffee.jpg')).resize(400);
    const [rgb, rgba] = await Promise.all([decodeImage(await small.clone().png().toBuffer()), decodeImage(await small.clone().ensureAlpha().png().toBuffer())]);
    expect([rgb.analysis.channels, rgba.analysis.channels]).toEqual([3, 4]);
    const [fromRgb, fromRgba] = await Promise.all([detectObjects(rgb), detectObjects(rgba)]);
    expect(fromRgb.detections[0].cls.en).toBe('cup');
    expect(fromRgba).toEqual(fromRgb);
  });

  it('finds nothing confident in a blank picture', async () => {
    const { detections } = await detectObjects(await decodeImage(await solidImage(320, 240, [200, 200, 200])));
    expect(detections.filter((d) => d.score >= 0.3)).toEqual([]);
  });
});

describe('DetectLabel', () => {
  it('labels the coffee photo 杯子 and the astronaut 人, Confidence 0–100', async () => {
    const cup = await detectLabel(photos.coffee);
    expect(cup.Labels!.map((l) => l.Name)).toContain('杯子');
    expect((await detectLabel(photos.astronaut)).Labels![0]).toMatchObject({ Name: '人', FirstCategory: '人物' });
    for (const l of cup.Labels!) expect(Number.isInteger(l.Confidence) && l.Confidence >= 30 && l.Confidence <= 100).toBe(true);
  });

  it('sees an animal in the cat photo (the model calls it 狗: see docs/engines.md)', async () => {
    expect((await detectLabel(photos.cat)).Labels![0]).toMatchObject({ FirstCategory: '动物', SecondCategory: '宠物' });
  });

  it('answers each requested scene in its own field and null for the others', async () => {
    const res = await detectLabel(photos.coffee, ['CAMERA', 'ALBUM']);
    expect(res.Labels).toBeNull();
    expect(res.NewsLabels).toBeNull();
    expect(res.CameraLabels!.map((l) => l.Name)).toContain('杯子');
    expect(res.AlbumLabels).toEqual(res.CameraLabels);
  });
});

describe('DetectProduct', () => {
  it('boxes the coffee cup as 商品-餐具 around the cup, and finds no goods in the astronaut photo', async () => {
    const { Products } = await detectProduct(photos.coffee);
    expect(Products[0]).toMatchObject({ Name: '杯子', Parents: '商品-餐具' });
    const p = Products[0];
    // The cup stands in the upper middle of the 640×427 photo.
    expect(p.XMin).toBeGreaterThan(100);
    expect(p.XMax).toBeLessThan(520);
    expect(p.YMin).toBeLessThan(100);
    expect(p.YMax).toBeGreaterThan(200);
    expect((await detectProduct(photos.astronaut)).Products).toEqual([]);
  });
});

describe('RecognizeCar', () => {
  it('finds the red motorcycle with a box around it and no invented brand', async () => {
    const res = await recognizeCar(photos.motorcycle);
    expect(res.CarTags).toHaveLength(1);
    expect(res.CarTags[0]).toMatchObject({ Type: '摩托车', Color: '红色', Brand: '', Serial: '', Year: 0 });
    const [tl, tr, br, bl] = res.CarCoords;
    expect(tl.X).toBeGreaterThan(40);
    expect(tl.X).toBeLessThan(160);
    expect(br.X).toBeGreaterThan(540);
    expect(br.Y).toBeGreaterThan(340);
    expect(tl.Y).toBeLessThan(120);
    expect([tr, bl]).toEqual([{ X: br.X, Y: tl.Y }, { X: tl.X, Y: br.Y }]);
  });

  it('finds the silver car seen from behind: 小型汽车, 灰色, box over the car', async () => {
    const res = await recognizeCar(photos.car);
    expect(res.CarTags[0]).toMatchObject({ Type: '小型汽车', Color: '灰色', Brand: '', Serial: '', Year: 0 });
    const [tl, , br] = res.CarCoords;
    // The car fills the 600×482 frame's middle; its tail lights are at y ≈ 170–260.
    expect(tl.X).toBeLessThan(150);
    expect(br.X).toBeGreaterThan(450);
    expect(tl.Y).toBeLessThan(170);
    expect(br.Y).toBeGreaterThan(260);
  });

  it('answers no vehicle for photos without one', async () => {
    expect(await recognizeCar(photos.coffee)).toEqual({ CarCoords: [], CarTags: [] });
  });

  it('names colours from pixels', async () => {
    expect([pixelColourName(250, 250, 250), pixelColourName(10, 10, 12), pixelColourName(128, 128, 130), pixelColourName(200, 20, 30), pixelColourName(20, 60, 200)]).toEqual([
      '白色',
      '黑色',
      '灰色',
      '红色',
      '蓝色',
    ]);
    const blue = await decodeImage(await solidImage(100, 80, [30, 70, 190]));
    expect(dominantColour(blue.analysis, { x1: 0, y1: 0, x2: 100, y2: 80 })).toBe('蓝色');
  });
});

describe('ImageModeration', () => {
  it('passes every neutral photo on PORN and TERRORISM', async () => {
    for (const name of ['cat', 'coffee', 'astronaut', 'motorcycle', 'rocket', 'car']) {
      const res = await imageModeration(photos[name], ['PORN', 'TERRORISM'], []);
      expect(res, name).toMatchObject({ Suggestion: 'PASS', PornResult: { Code: 0, Suggestion: 'PASS' }, TerrorismResult: { Code: 0, Suggestion: 'PASS' } });
      expect(res.PornResult!.Confidence).toBeLessThan(40);
    }
  });

  it('answers only the scenes asked for', async () => {
    const res = await imageModeration(photos.coffee, ['PORN'], [], 'order-7');
    expect(res).toMatchObject({ TerrorismResult: null, PoliticsResult: null, DisgustResult: null, Extra: 'order-7' });
    expect(res.PornResult).toEqual({ Code: 0, Msg: 'OK', Suggestion: 'PASS', Confidence: expect.any(Number), Type: 'LABEL', AdvancedInfo: '' });
  });

  it('applies the documented PORN thresholds', () => {
    const p = (Porn: number, Hentai: number, Sexy: number) => ({ Porn, Hentai, Sexy, Neutral: 1 - Porn - Hentai - Sexy, Drawing: 0 });
    expect(pornResult(p(0.85, 0, 0.1))).toMatchObject({ Suggestion: 'BLOCK', Confidence: 95 });
    expect(pornResult(p(0.3, 0.15, 0))).toMatchObject({ Suggestion: 'REVIEW', Confidence: 45 });
    expect(pornResult(p(0.05, 0, 0.55))).toMatchObject({ Suggestion: 'REVIEW' });
    expect(pornResult(p(0.05, 0.05, 0.2))).toMatchObject({ Suggestion: 'PASS', Confidence: 30 });
  });

  it('checks Scenes: required, known, TEXT refused (no OCR engine)', () => {
    const code = (params: Record<string, unknown>) => {
      try {
        parseScenes(params);
        return 'ok';
      } catch (err) {
        return (err as ApiError).code;
      }
    };
    expect(parseScenes({ Scenes: ['TERRORISM', 'PORN', 'PORN'] })).toEqual(['TERRORISM', 'PORN']);
    expect(code({})).toBe('MissingParameter');
    expect(code({ Scenes: [] })).toBe('InvalidParameterValue');
    expect(code({ Scenes: 'PORN' })).toBe('InvalidParameterValue');
    expect(code({ Scenes: ['NUDITY'] })).toBe('InvalidParameterValue');
    expect(parseScenes({ Scenes: ['POLITICS', 'PORN'] })).toEqual(['POLITICS', 'PORN']);
    expect(code({ Scenes: ['PORN', 'TEXT'] })).toBe('UnsupportedOperation');
  });
});

describe('faces', () => {
  it('finds the astronaut\'s face and describes it', async () => {
    const [face, ...others] = await detectFaces(photos.astronaut);
    expect(others).toEqual([]);
    expect(face.score).toBeGreaterThan(0.7);
    // Her face is in the upper middle of the 640×640 photo.
    expect(face.x).toBeGreaterThan(150);
    expect(face.x + face.width).toBeLessThan(420);
    expect(face.y).toBeGreaterThan(40);
    expect(face.y + face.height).toBeLessThan(280);
    expect(face.descriptor).toHaveLength(1024);
    expect(cosine(face.descriptor, face.descriptor)).toBeCloseTo(1, 5);
  });

  it('scores the same face in an altered copy far above a different person', async () => {
    const [ref] = await detectFaces(photos.astronaut);
    const altered = await alteredAstronaut();
    const [same] = await detectFaces(await decodeImage(altered));
    const [other] = await detectFaces(photos.messi);
    expect(cosine(ref.descriptor, same.descriptor)).toBeGreaterThan(0.85);
    expect(cosine(ref.descriptor, other.descriptor)).toBeLessThan(0.6);
  });

  it('finds no face in the rocket photo', async () => {
    expect(await detectFaces(photos.rocket)).toEqual([]);
  });
});

describe('DetectCelebrity and POLITICS against a gallery passed in', () => {
  let gallery: GalleryFace[];
  beforeAll(async () => {
    // Enrolled from an altered copy, so the request photo is not the reference image itself.
    const reference = await alteredAstronaut();
    const [face] = await detectFaces(await decodeImage(reference));
    const person = { name: 'Eileen Collins', labels: ['宇航员'], basicInfo: '美国宇航员', descriptor: face.descriptor };
    gallery = [
      { personId: 1, kind: 'celebrity', ...person },
      { personId: 2, kind: 'politics', ...person },
    ];
  });

  it('names the enrolled face and leaves a different face unnamed', async () => {
    const known = await detectCelebrity(photos.astronaut, gallery);
    expect(known.Faces).toHaveLength(1);
    expect(known.Faces[0]).toMatchObject({ Name: 'Eileen Collins', Labels: [{ FirstLabel: '宇航员', SecondLabel: null }], BasicInfo: '美国宇航员', ID: '00000001' });
    expect(known.Faces[0].Confidence).toBeGreaterThanOrEqual(85);
    const unknown = await detectCelebrity(photos.messi, gallery);
    expect(unknown.Faces[0]).toMatchObject({ Name: '', Labels: [], BasicInfo: '', ID: null });
    expect(unknown.Threshold).toBeNull();
    expect(unknown.Faces[0].Confidence).toBeLessThan(60);
    expect((await detectCelebrity(photos.astronaut, [])).Faces[0]).toMatchObject({ Name: '', Confidence: 0 });
    await expect(detectCelebrity(photos.rocket, gallery)).rejects.toMatchObject({ code: 'InvalidParameterValue.NoFaceInPhoto' });
  });

  it('blocks a listed person on POLITICS and passes others', async () => {
    expect(await politicsResult(photos.astronaut, gallery)).toMatchObject({
      Code: 0,
      Suggestion: 'BLOCK',
      Type: 'FACE',
      FaceResults: [{ FaceRect: { Width: expect.any(Number) }, Candidates: [{ Name: 'Eileen Collins', Confidence: expect.any(Number) }] }],
    });
    expect(await politicsResult(photos.messi, gallery)).toMatchObject({ Suggestion: 'PASS' });
    expect(await politicsResult(photos.rocket, gallery)).toMatchObject({ Suggestion: 'PASS', Confidence: 0, FaceResults: [] });
    expect(await politicsResult(photos.astronaut, gallery.filter((g) => g.kind === 'celebrity'))).toMatchObject({ Suggestion: 'PASS', Confidence: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { answerBoxes, boxPlacement } from './boxes';

const ok = (fields: Record<string, unknown>) => ({ Response: { ...fields, RequestId: 'r-1' } });

describe('answerBoxes', () => {
  it('DetectProduct: one box per product from XMin…YMax, named, with its confidence', () => {
    const answer = ok({
      Products: [
        { Name: '杯子', Parents: '商品-餐具', Confidence: 91, XMin: 120, YMin: 40, XMax: 380, YMax: 300 },
        { Name: '瓶子', Parents: '商品-餐具', Confidence: 45, XMin: 10, YMin: 20, XMax: 30, YMax: 90 },
      ],
    });
    expect(answerBoxes('DetectProduct', answer)).toEqual([
      { label: '杯子', detail: '置信度 91', x: 120, y: 40, width: 260, height: 260 },
      { label: '瓶子', detail: '置信度 45', x: 10, y: 20, width: 20, height: 70 },
    ]);
    expect(answerBoxes('DetectProduct', ok({ Products: [] }))).toEqual([]);
  });

  it('RecognizeCar: each CarTag boxed from its CarLocation corners; CarCoords not drawn twice', () => {
    const location = [
      { X: 50, Y: 60 },
      { X: 250, Y: 60 },
      { X: 250, Y: 200 },
      { X: 50, Y: 200 },
    ];
    const moto = [
      { X: 300, Y: 10 },
      { X: 400, Y: 10 },
      { X: 400, Y: 90 },
      { X: 300, Y: 90 },
    ];
    const answer = ok({
      CarCoords: location,
      CarTags: [
        { Type: '小型汽车', Color: '灰色', Confidence: 88, CarLocation: location },
        { Type: '摩托车', Color: '红色', Confidence: 40, CarLocation: moto },
      ],
    });
    expect(answerBoxes('RecognizeCar', answer)).toEqual([
      { label: '小型汽车', detail: '灰色 · 置信度 88', x: 50, y: 60, width: 200, height: 140 },
      { label: '摩托车', detail: '红色 · 置信度 40', x: 300, y: 10, width: 100, height: 80 },
    ]);
  });

  it('RecognizeCar: CarCoords of a vehicle no tag boxes is drawn as 主车辆; no vehicle → no box', () => {
    const answer = ok({
      CarCoords: [
        { X: 5, Y: 6 },
        { X: 25, Y: 6 },
        { X: 25, Y: 16 },
        { X: 5, Y: 16 },
      ],
      CarTags: [],
    });
    expect(answerBoxes('RecognizeCar', answer)).toEqual([{ label: '主车辆', detail: undefined, x: 5, y: 6, width: 20, height: 10 }]);
    expect(answerBoxes('RecognizeCar', ok({ CarCoords: [], CarTags: [] }))).toEqual([]);
  });

  it('DetectCelebrity: every face with its name, an unknown face as 未知人物', () => {
    const answer = ok({
      Faces: [
        { Name: 'Eileen Collins', Confidence: 97, X: 150, Y: 60, Width: 120, Height: 150, ID: '00000001' },
        { Name: '', Confidence: 12, X: 10, Y: 10, Width: 40, Height: 50, ID: null },
      ],
      Threshold: null,
    });
    expect(answerBoxes('DetectCelebrity', answer)).toEqual([
      { label: 'Eileen Collins', detail: '置信度 97', x: 150, y: 60, width: 120, height: 150 },
      { label: '未知人物', detail: '置信度 12', x: 10, y: 10, width: 40, height: 50 },
    ]);
  });

  it('ImageModeration: the politics and terrorism faces, named by their closest candidate', () => {
    const answer = ok({
      Suggestion: 'BLOCK',
      PornResult: null,
      TerrorismResult: { Code: 0, FaceResults: [] },
      PoliticsResult: {
        Code: 0,
        FaceResults: [
          { FaceRect: { X: 1, Y: 2, Width: 30, Height: 40 }, Candidates: [{ Name: '某人', Confidence: 80 }] },
          { FaceRect: { X: 50, Y: 60, Width: 10, Height: 10 }, Candidates: [] },
        ],
      },
    });
    expect(answerBoxes('ImageModeration', answer)).toEqual([
      { label: '某人', detail: '置信度 80', x: 1, y: 2, width: 30, height: 40 },
      { label: '人脸', detail: undefined, x: 50, y: 60, width: 10, height: 10 },
    ]);
    expect(answerBoxes('ImageModeration', ok({ Suggestion: 'PASS', PornResult: { Code: 0 }, PoliticsResult: null }))).toEqual([]);
  });

  it('CropImage: the crop rectangle with its size', () => {
    const answer = ok({ X: 80, Y: 0, Width: 480, Height: 480, OriginalWidth: 640, OriginalHeight: 480, CropResult: 0 });
    expect(answerBoxes('CropImage', answer)).toEqual([{ label: '裁剪区域', detail: '480 × 480', x: 80, y: 0, width: 480, height: 480 }]);
  });

  it('actions whose answers carry no positions draw nothing', () => {
    expect(answerBoxes('DetectLabel', ok({ Labels: [{ Name: '杯子', Confidence: 90, FirstCategory: '物品', SecondCategory: '餐具' }] }))).toEqual([]);
    expect(answerBoxes('AssessQuality', ok({ ClarityScore: 80, AestheticScore: 70, LongImage: false }))).toEqual([]);
    expect(answerBoxes('EnhanceImage', ok({ EnhancedImage: 'iVBORw0KGgo=' }))).toEqual([]);
  });

  it('an error answer, a malformed answer or malformed boxes draw nothing', () => {
    const error = { Response: { Error: { Code: 'FailedOperation.ImageDecodeFailed', Message: '图片解码失败' }, RequestId: 'r-2' } };
    expect(answerBoxes('CropImage', error)).toEqual([]);
    expect(answerBoxes('DetectProduct', null)).toEqual([]);
    expect(answerBoxes('DetectProduct', { Response: 'x' })).toEqual([]);
    expect(answerBoxes('DetectProduct', ok({ Products: 'none' }))).toEqual([]);
    expect(answerBoxes('DetectProduct', ok({ Products: [{ Name: '杯子', XMin: '1', YMin: 0, XMax: 5, YMax: 5 }, { Name: '空', XMin: 5, YMin: 5, XMax: 5, YMax: 9 }] }))).toEqual([]);
    expect(answerBoxes('DetectCelebrity', ok({ Faces: [{ Name: 'A', X: 1, Y: 1, Width: 0, Height: 5 }] }))).toEqual([]);
    expect(answerBoxes('RecognizeCar', ok({ CarCoords: [{ X: 1, Y: 1 }], CarTags: [{ Type: '货车', CarLocation: null }] }))).toEqual([]);
  });
});

describe('boxPlacement', () => {
  it('places a box in percent of the natural image size', () => {
    expect(boxPlacement({ label: 'a', x: 160, y: 120, width: 320, height: 120 }, 640, 480)).toEqual({ left: '25%', top: '25%', width: '50%', height: '25%' });
    expect(boxPlacement({ label: 'a', x: 1, y: 0, width: 2, height: 3 }, 3, 7)).toEqual({ left: '33.33%', top: '0%', width: '66.67%', height: '42.86%' });
  });
});

import type { ApiAction } from '@/lib/catalog';

// Every box an answer carries, in the image's pixels, with the text to write beside it:
// what 在线调试 draws over the picture. The answer is the API's JSON as received, so each
// field is checked before it is read; a field that is missing or malformed draws nothing.
// DetectLabel, AssessQuality and EnhanceImage answer no positions.

export interface AnswerBox {
  label: string;
  /** A second line: confidence, colour… */
  detail?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const confidence = (v: unknown): string | undefined => (isNumber(v) ? `置信度 ${v}` : undefined);

/** A box given as X, Y, Width, Height (faces, the crop, moderation's FaceRect). */
function rect(o: Json, label: string, detail?: string): AnswerBox | null {
  const { X, Y, Width, Height } = o;
  if (!isNumber(X) || !isNumber(Y) || !isNumber(Width) || !isNumber(Height) || Width <= 0 || Height <= 0) return null;
  return { label, detail, x: X, y: Y, width: Width, height: Height };
}

/** A box given as its corners (RecognizeCar's CarCoords, CarLocation): the rectangle around them. */
function corners(coords: unknown, label: string, detail?: string): AnswerBox | null {
  const points = list(coords).filter((p) => isNumber(p.X) && isNumber(p.Y)) as { X: number; Y: number }[];
  if (points.length < 2) return null;
  const xs = points.map((p) => p.X);
  const ys = points.map((p) => p.Y);
  const [x, y] = [Math.min(...xs), Math.min(...ys)];
  const [width, height] = [Math.max(...xs) - x, Math.max(...ys) - y];
  return width > 0 && height > 0 ? { label, detail, x, y, width, height } : null;
}

function products(r: Json): (AnswerBox | null)[] {
  return list(r.Products).map((p) => {
    const { XMin, YMin, XMax, YMax } = p;
    if (!isNumber(XMin) || !isNumber(YMin) || !isNumber(XMax) || !isNumber(YMax) || XMax <= XMin || YMax <= YMin) return null;
    return { label: text(p.Name) || '商品', detail: confidence(p.Confidence), x: XMin, y: YMin, width: XMax - XMin, height: YMax - YMin };
  });
}

function cars(r: Json): (AnswerBox | null)[] {
  const tags = list(r.CarTags).map((t) => corners(t.CarLocation, text(t.Type) || '车辆', [text(t.Color), confidence(t.Confidence)].filter(Boolean).join(' · ') || undefined));
  // CarCoords are the main vehicle's corners, normally its tag's CarLocation again: drawn
  // only when no tag already boxes that very rectangle.
  const main = corners(r.CarCoords, '主车辆');
  const same = (a: AnswerBox | null) => a && main && a.x === main.x && a.y === main.y && a.width === main.width && a.height === main.height;
  return main && !tags.some(same) ? [main, ...tags] : tags;
}

function faces(r: Json): (AnswerBox | null)[] {
  return list(r.Faces).map((f) => rect(f, text(f.Name) || '未知人物', confidence(f.Confidence)));
}

function moderationFaces(r: Json): (AnswerBox | null)[] {
  return ['PoliticsResult', 'TerrorismResult'].flatMap((scene) => {
    const result = r[scene];
    if (!isObject(result)) return [];
    return list(result.FaceResults).map((f) => {
      const best = list(f.Candidates)[0];
      return isObject(f.FaceRect) ? rect(f.FaceRect, text(best?.Name) || '人脸', best ? confidence(best.Confidence) : undefined) : null;
    });
  });
}

function crop(r: Json): (AnswerBox | null)[] {
  return [rect(r, '裁剪区域', isNumber(r.Width) && isNumber(r.Height) ? `${r.Width} × ${r.Height}` : undefined)];
}

const BY_ACTION: Partial<Record<ApiAction, (r: Json) => (AnswerBox | null)[]>> = {
  DetectProduct: products,
  RecognizeCar: cars,
  DetectCelebrity: faces,
  ImageModeration: moderationFaces,
  CropImage: crop,
};

/** The boxes of an answer `{ Response: … }`; none for an error or an action without positions. */
export function answerBoxes(action: ApiAction, answer: unknown): AnswerBox[] {
  const response = isObject(answer) ? answer.Response : undefined;
  if (!isObject(response) || response.Error !== undefined) return [];
  return (BY_ACTION[action]?.(response) ?? []).filter((b): b is AnswerBox => b !== null);
}

/** Where a box sits on the picture as drawn, in percent of its natural size (so it scales with it). */
export function boxPlacement(box: AnswerBox, imageWidth: number, imageHeight: number) {
  const pct = (v: number, of: number) => `${Math.round((v / of) * 10000) / 100}%`;
  return { left: pct(box.x, imageWidth), top: pct(box.y, imageHeight), width: pct(box.width, imageWidth), height: pct(box.height, imageHeight) };
}

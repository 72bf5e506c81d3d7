import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { offload, type ModelInput } from './offload';
import type { Raster } from '../raster';
import { cocoClass, type CocoClass } from '../coco-labels';
import { fileModelHandler, once, packageFile, tfReady } from './runtime';

// Object detection: MB3-CenterNet trained on the 80 COCO classes, the graph model that
// @vladmandic/human ships as models/centernet.json (+ .bin). Its output node
// tower_0/detections holds 100 candidates [x1, y1, x2, y2, score, class] in the pixels of
// its 512×512 input; the post-processing follows the package's own (class-agnostic NMS).

const INPUT_SIDE = 512;
const IOU_THRESHOLD = 0.4;
/** Candidates below this never reach any engine (the package's own default is 0.2). */
export const MIN_SCORE = 0.2;
const MAX_DETECTIONS = 20;

export interface Detection {
  cls: CocoClass;
  /** 0–1 as the model gives it. */
  score: number;
  /** Box in pixels of the full-size upright image. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DetectorOutput {
  /** Kept detections, best first. */
  detections: Detection[];
  /** Every one of the model's 100 candidates, before any threshold or NMS. */
  candidates: Detection[];
}

const loadDetector = once(async () => {
  const tf = await tfReady();
  const model = await tf.loadGraphModel(fileModelHandler(packageFile('@vladmandic/human', 'models', 'centernet.json')));
  return { tf, model };
});

/** Loads the model (once per process); engines call it lazily, the bench and tests eagerly. */
export async function warmDetector(): Promise<void> {
  await loadDetector();
}

export function rgbBytes(r: Raster): Uint8Array {
  if (r.channels === 3) return r.data;
  const n = r.width * r.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) out.set(r.data.subarray(i * 4, i * 4 + 3), i * 3);
  return out;
}

/** Objects in the image, in the inference worker when the API server uses one. */
export function detectObjects(image: ModelInput): Promise<DetectorOutput> {
  return offload('detect', image, detectObjectsInProcess);
}

export async function detectObjectsInProcess(image: ModelInput): Promise<DetectorOutput> {
  const { tf, model } = await loadDetector();
  const { analysis } = image;
  const input = tf.tidy(() => {
    const pixels = tf.tensor3d(rgbBytes(analysis), [analysis.height, analysis.width, 3], 'int32');
    return tf.image.resizeBilinear(tf.cast(pixels, 'float32').expandDims(0) as Tensor4D, [INPUT_SIDE, INPUT_SIDE]);
  });
  let rows: number[][];
  try {
    const out = model.execute(input, ['tower_0/detections']) as Tensor;
    rows = ((await out.array()) as number[][][])[0];
    out.dispose();
  } finally {
    input.dispose();
  }

  // Model pixels → full image pixels, clamped to the image.
  const sx = image.width / INPUT_SIDE;
  const sy = image.height / INPUT_SIDE;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const candidates: Detection[] = [];
  for (const [x1, y1, x2, y2, score, classIndex] of rows) {
    const cls = cocoClass(classIndex);
    if (!cls || !Number.isFinite(score)) continue;
    const box = { x1: clamp(x1 * sx, image.width), y1: clamp(y1 * sy, image.height), x2: clamp(x2 * sx, image.width), y2: clamp(y2 * sy, image.height) };
    if (box.x2 - box.x1 < 1 || box.y2 - box.y1 < 1) continue;
    candidates.push({ cls, score, ...box });
  }
  candidates.sort((a, b) => b.score - a.score);

  const confident = candidates.filter((d) => d.score >= MIN_SCORE);
  let kept: number[] = [];
  if (confident.length > 0) {
    const keep = tf.tidy(() =>
      tf.image.nonMaxSuppression(
        tf.tensor2d(confident.map((d) => [d.y1, d.x1, d.y2, d.x2])),
        tf.tensor1d(confident.map((d) => d.score)),
        MAX_DETECTIONS,
        IOU_THRESHOLD,
        MIN_SCORE,
      ),
    );
    kept = Array.from(await keep.data());
    keep.dispose();
  }
  return { detections: kept.map((i) => confident[i]), candidates };
}

/** Rounded box fields in the API's integer pixels. */
export function boxOf(d: Detection): { XMin: number; YMin: number; XMax: number; YMax: number } {
  return { XMin: Math.round(d.x1), YMin: Math.round(d.y1), XMax: Math.round(d.x2), YMax: Math.round(d.y2) };
}

/** The model's 0–1 score as the API's integer 0–100. */
export const percent = (score: number): number => Math.max(0, Math.min(100, Math.round(score * 100)));

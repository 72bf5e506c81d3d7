import type { Tensor, Tensor2D, Tensor3D, Tensor4D } from '@tensorflow/tfjs';
import { offload, type ModelInput } from './offload';
import { rgbBytes } from './detector';
import { fileModelHandler, once, packageFile, tfReady } from './runtime';

// Faces: BlazeFace (detector, 256×256) and HSE-FaceRes (1024-value descriptor of a face
// crop, 224×224), both as shipped by @vladmandic/human in its models/ folder. The decoding
// follows the package's own (src/face/blazeface.ts, faceres.ts), without its face-mesh
// alignment step: the descriptor is taken from the detector's box, squared and enlarged.

const DETECTOR_SIDE = 256;
const DESCRIPTOR_SIDE = 224;
export const FACE_MIN_SCORE = 0.5;
const IOU_THRESHOLD = 0.3;
const MAX_FACES = 10;
/** The descriptor crop: the detector's box, squared and enlarged by this factor. */
const CROP_SCALE = 1.4;

export interface Face {
  /** Detector confidence 0–1. */
  score: number;
  /** Tight face box in pixels of the full-size upright image. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** L2-normalised descriptor (1024 values). */
  descriptor: number[];
}

function anchors(): number[][] {
  const out: number[][] = [];
  for (const [stride, perCell] of [
    [16, 2],
    [32, 6],
  ]) {
    const cells = Math.ceil(DETECTOR_SIDE / stride);
    for (let gy = 0; gy < cells; gy++) for (let gx = 0; gx < cells; gx++) for (let n = 0; n < perCell; n++) out.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
  }
  return out;
}

const loadFaceModels = once(async () => {
  const tf = await tfReady();
  const [detector, describer] = await Promise.all([
    tf.loadGraphModel(fileModelHandler(packageFile('@vladmandic/human', 'models', 'blazeface.json'))),
    tf.loadGraphModel(fileModelHandler(packageFile('@vladmandic/human', 'models', 'faceres.json'))),
  ]);
  return { tf, detector, describer, anchors: anchors() };
});

export async function warmFaces(): Promise<void> {
  await loadFaceModels();
}

function l2normalise(v: Float32Array | number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(v, (x) => x / norm);
}

/** Faces found in the image, best first, each with its descriptor. */
export function detectFaces(image: ModelInput): Promise<Face[]> {
  return offload('faces', image, detectFacesInProcess);
}

export async function detectFacesInProcess(image: ModelInput): Promise<Face[]> {
  const { tf, detector, describer, anchors: anchorList } = await loadFaceModels();
  const { analysis } = image;
  const side = Math.max(analysis.width, analysis.height);
  const pixels = tf.tidy(() => tf.cast(tf.tensor3d(rgbBytes(analysis), [analysis.height, analysis.width, 3], 'int32'), 'float32')) as Tensor3D;
  try {
    // Letterboxed to a square (top-left aligned), scaled to −1…1 as the detector expects.
    const rows = tf.tidy(() => {
      const padded = tf.pad(pixels, [
        [0, side - analysis.height],
        [0, side - analysis.width],
        [0, 0],
      ]);
      const input = tf.sub(tf.div(tf.image.resizeBilinear(padded.expandDims(0) as Tensor4D, [DETECTOR_SIDE, DETECTOR_SIDE]), 127.5), 1);
      const out = detector.execute(input) as Tensor[];
      const sorted = [...out].sort((a, b) => a.size - b.size);
      // Two heads (384 and 512 anchors) × [logit, box…]: the package's order is 512 then 384.
      const head384 = tf.concat([sorted[0], sorted[2]], 2);
      const head512 = tf.concat([sorted[1], sorted[3]], 2);
      return tf.squeeze(tf.concat([head512, head384], 1), [0]) as Tensor2D;
    });
    const raw = (await rows.array()) as number[][];
    rows.dispose();

    const candidates: { score: number; box: [number, number, number, number] }[] = [];
    const k = side / DETECTOR_SIDE; // detector pixels → analysis pixels
    raw.forEach((r, i) => {
      const score = 1 / (1 + Math.exp(-r[0]));
      if (!(score >= FACE_MIN_SCORE)) return;
      const cx = r[1] + anchorList[i][0];
      const cy = r[2] + anchorList[i][1];
      const [w, h] = [r[3], r[4]];
      candidates.push({ score, box: [(cy - h / 2) * k, (cx - w / 2) * k, (cy + h / 2) * k, (cx + w / 2) * k] });
    });
    if (candidates.length === 0) return [];
    const keep = tf.tidy(() =>
      tf.image.nonMaxSuppression(
        tf.tensor2d(candidates.map((c) => c.box)),
        tf.tensor1d(candidates.map((c) => c.score)),
        MAX_FACES,
        IOU_THRESHOLD,
        FACE_MIN_SCORE,
      ),
    );
    const kept = Array.from(await keep.data()).map((i) => candidates[i]);
    keep.dispose();

    const toFull = image.width / analysis.width;
    const faces: Face[] = [];
    for (const { score, box } of kept) {
      const [y1, x1, y2, x2] = box;
      const half = (CROP_SCALE * Math.max(x2 - x1, y2 - y1)) / 2;
      const [cx, cy] = [(x1 + x2) / 2, (y1 + y2) / 2];
      const crop = [(cy - half) / analysis.height, (cx - half) / analysis.width, (cy + half) / analysis.height, (cx + half) / analysis.width];
      const descriptorT = tf.tidy(() => {
        const face = tf.image.cropAndResize(pixels.expandDims(0) as Tensor4D, [crop], [0], [DESCRIPTOR_SIDE, DESCRIPTOR_SIDE]);
        const outputs = describer.execute(face) as Tensor[];
        return outputs.find((t) => t.shape[1] === 1024) as Tensor;
      });
      const descriptor = l2normalise((await descriptorT.data()) as Float32Array);
      descriptorT.dispose();
      const clampX = (v: number) => Math.min(image.width, Math.max(0, v * toFull));
      const clampY = (v: number) => Math.min(image.height, Math.max(0, v * toFull));
      const [fx1, fy1, fx2, fy2] = [clampX(x1), clampY(y1), clampX(x2), clampY(y2)];
      faces.push({ score, x: Math.round(fx1), y: Math.round(fy1), width: Math.round(fx2 - fx1), height: Math.round(fy2 - fy1), descriptor });
    }
    return faces;
  } finally {
    pixels.dispose();
  }
}

/** Cosine similarity of two L2-normalised descriptors, −1…1. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

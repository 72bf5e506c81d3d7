import type { NSFWJS } from 'nsfwjs';
import { offload, type ModelInput } from './offload';
import { rgbBytes } from './detector';
import { once, tfReady } from './runtime';

// NSFW classifier: nsfwjs' MobileNetV2 (224×224), whose weights are bundled inside the npm
// package as JS modules, so loading it reads nothing from the network.

export type NsfwClass = 'Drawing' | 'Hentai' | 'Neutral' | 'Porn' | 'Sexy';
export type NsfwProbabilities = Record<NsfwClass, number>;

const SIDE = 224;

const loadNsfw = once(async (): Promise<NSFWJS> => {
  await tfReady();
  const nsfwjs = await import('nsfwjs');
  // nsfwjs announces on console.info which bundled model it loads: drop that line only.
  const info = console.info;
  console.info = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].includes("You're using the model"))) info(...args);
  };
  try {
    return await nsfwjs.load('MobileNetV2');
  } finally {
    console.info = info;
  }
});

export async function warmNsfw(): Promise<void> {
  await loadNsfw();
}

export function classifyNsfw(image: ModelInput): Promise<NsfwProbabilities> {
  return offload('nsfw', image, classifyNsfwInProcess);
}

export async function classifyNsfwInProcess(image: ModelInput): Promise<NsfwProbabilities> {
  const [model, tf] = await Promise.all([loadNsfw(), tfReady()]);
  // The whole picture (its ≤512 px analysis copy) squeezed to the model's square input.
  const { analysis } = image;
  const pixels = tf.tidy(() =>
    tf.cast(tf.image.resizeBilinear(tf.tensor3d(rgbBytes(analysis), [analysis.height, analysis.width, 3], 'int32'), [SIDE, SIDE]), 'int32'),
  );
  try {
    const predictions = await model.classify(pixels, 5);
    const out: NsfwProbabilities = { Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 0 };
    for (const p of predictions) out[p.className as NsfwClass] = p.probability;
    return out;
  } finally {
    pixels.dispose();
  }
}

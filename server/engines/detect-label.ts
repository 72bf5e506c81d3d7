import { apiError } from '@/server/gateway/messages';
import type { DecodedImage } from './decode';
import { detectObjects, percent } from './models/detector';

// DetectLabel (2019-05-29): the kinds of object the COCO detector finds in the image.
// The original runs one model per scene (WEB, CAMERA, ALBUM, NEWS); this deployment has
// one detector, so every requested scene gets the same labels (docs/engines.md), each
// scene still one metered `label` call.

export interface LabelItem {
  Name: string;
  Confidence: number;
  FirstCategory: string;
  SecondCategory: string;
}

export const LABEL_SCENES = ['WEB', 'CAMERA', 'ALBUM', 'NEWS'] as const;
export type LabelScene = (typeof LABEL_SCENES)[number];

/** Where each scene's labels go in the answer; a scene not asked for is null there. */
const SCENE_FIELDS = { WEB: 'Labels', CAMERA: 'CameraLabels', ALBUM: 'AlbumLabels', NEWS: 'NewsLabels' } as const;
export type LabelResult = Record<(typeof SCENE_FIELDS)[LabelScene], LabelItem[] | null>;

/** A class becomes a label when one of its boxes scores at least this (0–1). */
export const LABEL_MIN_SCORE = 0.3;

/** The optional Scenes parameter: distinct scenes in request order; WEB when absent. */
export function parseLabelScenes(params: Record<string, unknown>): LabelScene[] {
  const value = params.Scenes;
  if (value === undefined || value === null) return ['WEB'];
  const choices = LABEL_SCENES.join('、');
  if (!Array.isArray(value) || value.length === 0 || value.some((s) => typeof s !== 'string')) throw apiError('sceneList', { choices });
  const scenes: LabelScene[] = [];
  for (const scene of value as string[]) {
    if (!(LABEL_SCENES as readonly string[]).includes(scene)) throw apiError('unknownScene', { scene: scene.slice(0, 32), choices });
    if (!scenes.includes(scene as LabelScene)) scenes.push(scene as LabelScene);
  }
  return scenes;
}

export async function detectLabel(image: DecodedImage, scenes: readonly LabelScene[] = ['WEB']): Promise<LabelResult> {
  const { detections } = await detectObjects(image);
  const best = new Map<string, LabelItem>();
  for (const d of detections) {
    if (d.score < LABEL_MIN_SCORE || best.has(d.cls.en)) continue; // detections come best first
    best.set(d.cls.en, { Name: d.cls.zh, Confidence: percent(d.score), FirstCategory: d.cls.first, SecondCategory: d.cls.second });
  }
  const labels = [...best.values()];
  const result: LabelResult = { Labels: null, CameraLabels: null, AlbumLabels: null, NewsLabels: null };
  for (const scene of scenes) result[SCENE_FIELDS[scene]] = labels.map((l) => ({ ...l }));
  return result;
}

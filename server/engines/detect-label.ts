import type { DecodedImage } from './decode';
import { detectObjects, percent } from './models/detector';

// DetectLabel (2019-05-29): the kinds of object the COCO detector finds in the image.

export interface LabelItem {
  Name: string;
  Confidence: number;
  FirstCategory: string;
  SecondCategory: string;
}

/** A class becomes a label when one of its boxes scores at least this (0–1). */
export const LABEL_MIN_SCORE = 0.3;

export async function detectLabel(image: DecodedImage): Promise<{ Labels: LabelItem[] }> {
  const { detections } = await detectObjects(image);
  const best = new Map<string, LabelItem>();
  for (const d of detections) {
    if (d.score < LABEL_MIN_SCORE || best.has(d.cls.en)) continue; // detections come best first
    best.set(d.cls.en, { Name: d.cls.zh, Confidence: percent(d.score), FirstCategory: d.cls.first, SecondCategory: d.cls.second });
  }
  return { Labels: [...best.values()] };
}

import type { DecodedImage } from './decode';
import { boxOf, detectObjects, percent } from './models/detector';

// DetectProduct (2019-05-29): detected objects that are goods (coco-labels.ts kind 'goods'),
// each with its box in the image's pixels.

export interface ProductItem {
  Name: string;
  Parents: string;
  Confidence: number;
  XMin: number;
  YMin: number;
  XMax: number;
  YMax: number;
}

export const PRODUCT_MIN_SCORE = 0.3;

export async function detectProduct(image: DecodedImage): Promise<{ Products: ProductItem[] }> {
  const { detections } = await detectObjects(image);
  return {
    Products: detections
      .filter((d) => d.cls.kind === 'goods' && d.score >= PRODUCT_MIN_SCORE)
      .map((d) => ({ Name: d.cls.zh, Parents: d.cls.parents ?? '商品', Confidence: percent(d.score), ...boxOf(d) })),
  };
}

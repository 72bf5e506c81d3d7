import type { ApiAction, ItemCode } from '@/lib/catalog';
import { assessQuality } from '@/server/engines/assess-quality';
import { cropImage } from '@/server/engines/crop-image';
import type { DecodedImage } from '@/server/engines/decode';
import { detectCelebrity } from '@/server/engines/detect-celebrity';
import { detectLabel, parseLabelScenes } from '@/server/engines/detect-label';
import { detectProduct } from '@/server/engines/detect-product';
import { enhanceImage } from '@/server/engines/enhance-image';
import { imageModeration, parseScenes, SCENE_ITEMS } from '@/server/engines/image-moderation';
import { recognizeCar } from '@/server/engines/recognize-car';
import type { GalleryProvider } from '@/server/gallery/matcher';
import { integerParam, optionalString, type ParamEncoding } from './request-params';

// What each action of SPEC §8 does in this deployment: check its parameters, run its engine
// and say which call(s) to meter.

export interface ItemCalls {
  item: ItemCode;
  count: number;
}

/** A request's parameters checked; what it will cost and the engine work to do. */
export interface PreparedCall {
  calls: ItemCalls[];
  run(image: DecodedImage): Promise<object> | object;
}

/** What the gateway lends to engines beyond the image. */
export interface ActionContext {
  gallery: GalleryProvider;
  /** How the parameters came: a GET's query gives every value as a string. JSON by default. */
  encoding?: ParamEncoding;
}

export interface ActionHandler {
  prepare(params: Record<string, unknown>, ctx: ActionContext): PreparedCall;
}

const one = (item: ItemCode): ItemCalls[] => [{ item, count: 1 }];

export const ACTIONS: Readonly<Record<ApiAction, ActionHandler>> = {
  AssessQuality: { prepare: () => ({ calls: one('quality'), run: assessQuality }) },
  CropImage: {
    prepare(params, ctx) {
      const width = integerParam(params, 'Width', ctx.encoding);
      const height = integerParam(params, 'Height', ctx.encoding);
      return { calls: one('crop'), run: (image) => cropImage(image, width, height) };
    },
  },
  EnhanceImage: { prepare: () => ({ calls: one('enhance'), run: enhanceImage }) },
  DetectLabel: {
    prepare(params) {
      const scenes = parseLabelScenes(params);
      return { calls: [{ item: 'label', count: scenes.length }], run: (image) => detectLabel(image, scenes) };
    },
  },
  DetectProduct: { prepare: () => ({ calls: one('product'), run: detectProduct }) },
  DetectCelebrity: { prepare: (_, ctx) => ({ calls: one('celebrity'), run: (image) => detectCelebrity(image, ctx.gallery()) }) },
  RecognizeCar: { prepare: () => ({ calls: one('car'), run: recognizeCar }) },
  ImageModeration: {
    prepare(params, ctx) {
      const scenes = parseScenes(params);
      // Config is the model's reserved field: accepted (a string) and not used.
      optionalString(params, 'Config');
      const extra = optionalString(params, 'Extra') ?? null;
      return { calls: scenes.map((scene) => ({ item: SCENE_ITEMS[scene], count: 1 })), run: (image) => imageModeration(image, scenes, ctx.gallery(), extra) };
    },
  },
};

export function actionHandler(action: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action as ApiAction] : undefined;
}

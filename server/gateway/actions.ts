import type { ApiAction, ItemCode } from '@/lib/catalog';
import { assessQuality } from '@/server/engines/assess-quality';
import { cropImage } from '@/server/engines/crop-image';
import type { DecodedImage } from '@/server/engines/decode';
import { detectLabel } from '@/server/engines/detect-label';
import { detectProduct } from '@/server/engines/detect-product';
import { enhanceImage } from '@/server/engines/enhance-image';
import { imageModeration, parseScenes, SCENE_ITEMS } from '@/server/engines/image-moderation';
import { recognizeCar } from '@/server/engines/recognize-car';
import { ApiError } from './envelope';

// What each action of SPEC §8 does in this deployment: run an engine and meter the call(s),
// or answer UnsupportedOperation (not metered) because no engine for it is deployed.

export interface ItemCalls {
  item: ItemCode;
  count: number;
}

/** A request's parameters checked; what it will cost and the engine work to do. */
export interface PreparedCall {
  calls: ItemCalls[];
  run(image: DecodedImage): Promise<object> | object;
}

export type ActionHandler =
  | { kind: 'engine'; prepare(params: Record<string, unknown>): PreparedCall }
  | { kind: 'unsupported'; engine: string };

function positiveInteger(params: Record<string, unknown>, name: string): number {
  const value = params[name];
  if (value === undefined || value === null) throw new ApiError('MissingParameter', `缺少参数 ${name}`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new ApiError('InvalidParameterValue', `${name} 必须是正整数`);
  return value;
}

const one = (item: ItemCode): ItemCalls[] => [{ item, count: 1 }];

export const ACTIONS: Readonly<Record<ApiAction, ActionHandler>> = {
  AssessQuality: { kind: 'engine', prepare: () => ({ calls: one('quality'), run: assessQuality }) },
  CropImage: {
    kind: 'engine',
    prepare(params) {
      const width = positiveInteger(params, 'Width');
      const height = positiveInteger(params, 'Height');
      return { calls: one('crop'), run: (image) => cropImage(image, width, height) };
    },
  },
  EnhanceImage: { kind: 'engine', prepare: () => ({ calls: one('enhance'), run: enhanceImage }) },
  DetectLabel: { kind: 'engine', prepare: () => ({ calls: one('label'), run: detectLabel }) },
  DetectProduct: { kind: 'engine', prepare: () => ({ calls: one('product'), run: detectProduct }) },
  DetectCelebrity: { kind: 'unsupported', engine: '公众人物识别' },
  RecognizeCar: { kind: 'engine', prepare: () => ({ calls: one('car'), run: recognizeCar }) },
  ImageModeration: {
    kind: 'engine',
    prepare(params) {
      const scenes = parseScenes(params);
      return { calls: scenes.map((scene) => ({ item: SCENE_ITEMS[scene], count: 1 })), run: (image) => imageModeration(image, scenes) };
    },
  },
};

export function actionHandler(action: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action as ApiAction] : undefined;
}

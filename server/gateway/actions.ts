import type { ApiAction, ItemCode } from '@/lib/catalog';
import { assessQuality } from '@/server/engines/assess-quality';
import { cropImage } from '@/server/engines/crop-image';
import type { DecodedImage } from '@/server/engines/decode';
import { enhanceImage } from '@/server/engines/enhance-image';
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
  DetectLabel: { kind: 'unsupported', engine: '图像标签识别' },
  DetectProduct: { kind: 'unsupported', engine: '商品识别' },
  DetectCelebrity: { kind: 'unsupported', engine: '公众人物识别' },
  RecognizeCar: { kind: 'unsupported', engine: '车型识别' },
  ImageModeration: { kind: 'unsupported', engine: '图像审核（鉴黄、政治敏感、暴恐）' },
};

export function actionHandler(action: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action as ApiAction] : undefined;
}

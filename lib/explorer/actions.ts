import type { ApiAction } from '@/lib/catalog';

// 在线调试's form: the eight actions, the parameters each takes (docs/api.md, "Request
// parameters") and the request built from what the customer filled in. Checked here, in
// Chinese, before anything is sent; what only the API can judge (the image's bytes, the
// rate limit, arrears) comes back as the API's own error.

export interface SceneChoice {
  value: string;
  label: string;
}

export interface ActionSpec {
  action: ApiAction;
  name: string;
  /** Scenes the action takes, when it takes any. */
  scenes?: { label: string; choices: SceneChoice[]; required: boolean; initial: string[] };
  /** CropImage's Width : Height. */
  ratio?: boolean;
  /** ImageModeration's 透传字段. */
  extra?: boolean;
}

export const ACTION_SPECS: Readonly<Record<ApiAction, ActionSpec>> = {
  DetectLabel: {
    action: 'DetectLabel',
    name: '图像标签',
    scenes: {
      label: '场景（Scenes）',
      required: false,
      initial: ['WEB'],
      choices: [
        { value: 'WEB', label: 'WEB 网络图片' },
        { value: 'CAMERA', label: 'CAMERA 手机拍摄' },
        { value: 'ALBUM', label: 'ALBUM 相册' },
        { value: 'NEWS', label: 'NEWS 新闻' },
      ],
    },
  },
  DetectProduct: { action: 'DetectProduct', name: '商品识别' },
  DetectCelebrity: { action: 'DetectCelebrity', name: '公众人物识别' },
  RecognizeCar: { action: 'RecognizeCar', name: '车型识别' },
  ImageModeration: {
    action: 'ImageModeration',
    name: '图像审核',
    scenes: {
      label: '审核场景（Scenes）',
      required: true,
      initial: ['PORN'],
      choices: [
        { value: 'PORN', label: 'PORN 图像鉴黄' },
        { value: 'TERRORISM', label: 'TERRORISM 暴恐识别' },
        { value: 'POLITICS', label: 'POLITICS 政治敏感识别' },
      ],
    },
    extra: true,
  },
  CropImage: { action: 'CropImage', name: '智能裁剪', ratio: true },
  AssessQuality: { action: 'AssessQuality', name: '视觉质量评估' },
  EnhanceImage: { action: 'EnhanceImage', name: '图像清晰度增强' },
};

/** The eight, in the order of the price table (the record's type makes sure none is missing). */
export const EXPLORER_ACTIONS = Object.keys(ACTION_SPECS) as ApiAction[];

/** The API's own limit on ImageBase64 (docs/api.md). */
export const MAX_BASE64_CHARS = 4 * 1024 * 1024;

export type ImageInput = { kind: 'upload'; base64: string; fileName: string } | { kind: 'url'; url: string } | { kind: 'none' };

export interface ExplorerForm {
  action: ApiAction;
  image: ImageInput;
  scenes: string[];
  width: string;
  height: string;
  extra: string;
}

export type FormField = 'image' | 'scenes' | 'width' | 'height';
export type FormErrors = Partial<Record<FormField, string>>;

export type BuiltRequest = { ok: true; params: Record<string, unknown> } | { ok: false; errors: FormErrors };

function imageParam(image: ImageInput): { params: Record<string, string> } | { error: string } {
  if (image.kind === 'none') return { error: '请上传图片或填写图片 URL' };
  if (image.kind === 'upload') {
    if (image.base64.length > MAX_BASE64_CHARS) return { error: '图片过大：Base64 编码后不能超过 4 MB（原图约 3 MB）' };
    return { params: { ImageBase64: image.base64 } };
  }
  const url = image.url.trim();
  if (!url) return { error: '请填写图片 URL' };
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return { error: '图片 URL 须以 http:// 或 https:// 开头' };
  return { params: { ImageUrl: url } };
}

function positiveInt(raw: string, name: string): number | string {
  const text = raw.trim();
  if (!text) return `请填写${name}`;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) return `${name}须为正整数`;
  return Number(text);
}

/** The action's request parameters, in the order the snippets show them, or what is wrong. */
export function buildParams(form: ExplorerForm): BuiltRequest {
  const spec = ACTION_SPECS[form.action];
  const errors: FormErrors = {};
  const params: Record<string, unknown> = {};
  const image = imageParam(form.image);
  if ('error' in image) errors.image = image.error;
  else Object.assign(params, image.params);

  if (spec.scenes) {
    // In the order the choices are listed, each once, whatever order they were ticked in.
    const scenes = spec.scenes.choices.map((c) => c.value).filter((v) => form.scenes.includes(v));
    if (scenes.length > 0) params.Scenes = scenes;
    else if (spec.scenes.required) errors.scenes = '请至少选择一个审核场景';
  }
  if (spec.ratio) {
    const width = positiveInt(form.width, '宽度');
    const height = positiveInt(form.height, '高度');
    if (typeof width === 'string') errors.width = width;
    else params.Width = width;
    if (typeof height === 'string') errors.height = height;
    else params.Height = height;
  }
  if (spec.extra && form.extra !== '') params.Extra = form.extra;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}

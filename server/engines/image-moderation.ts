import type { ItemCode, ModerationScene } from '@/lib/catalog';
import { ApiError } from '@/server/gateway/envelope';
import type { DecodedImage } from './decode';
import { politicsResult, type GalleryFace } from './detect-celebrity';
import { detectObjects, percent } from './models/detector';
import { classifyNsfw, type NsfwProbabilities } from './models/nsfw';

// ImageModeration (2019-05-29). Each requested scene is one metered call of its own item:
// PORN → porn (nsfwjs' NSFW classifier), TERRORISM → terrorism (weapon classes of the COCO
// detector), POLITICS → politics (faces matched against the 人物库's politics persons).
// Thresholds and what each model can and cannot see: docs/engines.md.

export type Suggestion = 'PASS' | 'REVIEW' | 'BLOCK';

export interface SceneResult {
  Code: number;
  Msg: string;
  Suggestion: Suggestion;
  Confidence: number;
}

export interface ModerationResult {
  Suggestion: Suggestion;
  PornResult?: SceneResult;
  TerrorismResult?: SceneResult;
  PoliticsResult?: SceneResult;
}

export const SCENE_ITEMS: Readonly<Record<ModerationScene, ItemCode>> = { PORN: 'porn', TERRORISM: 'terrorism', POLITICS: 'politics' };

/** Scenes with an engine in this deployment. */
const AVAILABLE: ReadonlySet<ModerationScene> = new Set(['PORN', 'TERRORISM', 'POLITICS']);
const MISSING_ENGINE: Readonly<Record<string, string>> = {
  TEXT: '图文审核（OCR）',
};

/** Checks the required Scenes parameter; the distinct scenes asked for, in request order. */
export function parseScenes(params: Record<string, unknown>): ModerationScene[] {
  const value = params.Scenes;
  if (value === undefined || value === null) throw new ApiError('MissingParameter', '缺少参数 Scenes');
  if (!Array.isArray(value) || value.length === 0 || value.some((s) => typeof s !== 'string')) {
    throw new ApiError('InvalidParameterValue', 'Scenes 必须是非空的字符串数组，可选值 PORN、TERRORISM、POLITICS');
  }
  const scenes: ModerationScene[] = [];
  for (const scene of value as string[]) {
    if (scenes.includes(scene as ModerationScene)) continue;
    if (MISSING_ENGINE[scene]) {
      throw new ApiError('UnsupportedOperation', `本部署尚未提供${MISSING_ENGINE[scene]}引擎，场景 ${scene} 暂不可用，调用不计费`);
    }
    if (!AVAILABLE.has(scene as ModerationScene)) throw new ApiError('InvalidParameterValue', `不支持的场景 ${scene.slice(0, 32)}，可选值 PORN、TERRORISM、POLITICS`);
    scenes.push(scene as ModerationScene);
  }
  return scenes;
}

// PORN. explicit = P(Porn) + P(Hentai); suggestive = P(Sexy).
export const PORN_BLOCK_EXPLICIT = 0.8;
export const PORN_REVIEW_EXPLICIT = 0.4;
export const PORN_REVIEW_SEXY = 0.5;

export function pornResult(p: NsfwProbabilities): SceneResult {
  const explicit = p.Porn + p.Hentai;
  const suggestion: Suggestion = explicit >= PORN_BLOCK_EXPLICIT ? 'BLOCK' : explicit >= PORN_REVIEW_EXPLICIT || p.Sexy >= PORN_REVIEW_SEXY ? 'REVIEW' : 'PASS';
  return { Code: 0, Msg: 'OK', Suggestion: suggestion, Confidence: percent(explicit + p.Sexy) };
}

// TERRORISM: the detector's weapon-like classes. Knives and bats can be blocked; scissors
// (an everyday object) can only raise a REVIEW.
export const TERRORISM_REVIEW_SCORE = 0.3;
export const TERRORISM_BLOCK_SCORE = 0.6;
const BLOCKABLE = new Set(['knife', 'baseball bat']);

export async function terrorismResult(image: DecodedImage): Promise<SceneResult> {
  const { candidates } = await detectObjects(image);
  const weapons = candidates.filter((d) => d.cls.kind === 'weapon');
  const top = weapons[0]; // candidates are sorted best first
  const score = top?.score ?? 0;
  const blockable = weapons.some((d) => BLOCKABLE.has(d.cls.en) && d.score >= TERRORISM_BLOCK_SCORE);
  const suggestion: Suggestion = blockable ? 'BLOCK' : score >= TERRORISM_REVIEW_SCORE ? 'REVIEW' : 'PASS';
  return { Code: 0, Msg: 'OK', Suggestion: suggestion, Confidence: percent(score) };
}

const RANK: Readonly<Record<Suggestion, number>> = { PASS: 0, REVIEW: 1, BLOCK: 2 };

/** `gallery` is only read by POLITICS (its 'politics' persons). */
export async function imageModeration(image: DecodedImage, scenes: readonly ModerationScene[], gallery: readonly GalleryFace[]): Promise<ModerationResult> {
  const [porn, terrorism, politics] = await Promise.all([
    scenes.includes('PORN') ? classifyNsfw(image).then(pornResult) : undefined,
    scenes.includes('TERRORISM') ? terrorismResult(image) : undefined,
    scenes.includes('POLITICS') ? politicsResult(image, gallery) : undefined,
  ]);
  const results = [porn, terrorism, politics].filter((r): r is SceneResult => r !== undefined);
  const worst = results.reduce<Suggestion>((acc, r) => (RANK[r.Suggestion] > RANK[acc] ? r.Suggestion : acc), 'PASS');
  return {
    Suggestion: worst,
    ...(porn ? { PornResult: porn } : {}),
    ...(terrorism ? { TerrorismResult: terrorism } : {}),
    ...(politics ? { PoliticsResult: politics } : {}),
  };
}

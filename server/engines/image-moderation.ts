import type { ItemCode, ModerationScene } from '@/lib/catalog';
import { apiError } from '@/server/gateway/messages';
import type { DecodedImage } from './decode';
import { politicsResult, type GalleryFace } from './detect-celebrity';
import { detectObjects, percent } from './models/detector';
import { classifyNsfw, type NsfwProbabilities } from './models/nsfw';

// ImageModeration (2019-05-29). Each requested scene is one metered call of its own item:
// PORN → porn (nsfwjs' NSFW classifier), TERRORISM → terrorism (weapon classes of the COCO
// detector), POLITICS → politics (faces matched against the 人物库's politics persons).
// Thresholds and what each model can and cannot see: docs/engines.md.

export type Suggestion = 'PASS' | 'REVIEW' | 'BLOCK';

/** A face of FaceResults (TERRORISM and POLITICS in the 2019-05-29 model). */
export interface FaceResult {
  FaceRect: { X: number; Y: number; Width: number; Height: number };
  /** The most similar listed person, as the original gives; empty when none comes close. */
  Candidates: { Name: string; Confidence: number }[];
}

/** The fields every scene result has; each scene adds its own (see below). */
export interface SceneResult {
  Code: number;
  Msg: string;
  Suggestion: Suggestion;
  Confidence: number;
}

/** LABEL: from a classifier; FACE: from face matching (the model's Type values). */
export interface PornResult extends SceneResult {
  Type: 'LABEL';
  AdvancedInfo: string;
}
export interface TerrorismResult extends SceneResult {
  Type: 'LABEL';
  AdvancedInfo: string;
  FaceResults: FaceResult[];
}
export interface PoliticsResult extends SceneResult {
  Type: 'FACE';
  AdvancedInfo: string;
  FaceResults: FaceResult[];
}

/** Every field of the 2019-05-29 response; a scene not asked for is null. */
export interface ModerationResult {
  Suggestion: Suggestion;
  PornResult: PornResult | null;
  TerrorismResult: TerrorismResult | null;
  PoliticsResult: PoliticsResult | null;
  /** No disgust engine: always null (the request's Scenes cannot ask for it). */
  DisgustResult: null;
  /** The request's Extra, passed back unchanged; null when none was sent. */
  Extra: string | null;
}

export const SCENE_ITEMS: Readonly<Record<ModerationScene, ItemCode>> = { PORN: 'porn', TERRORISM: 'terrorism', POLITICS: 'politics' };

/** Scenes with an engine in this deployment. */
const AVAILABLE: ReadonlySet<ModerationScene> = new Set(['PORN', 'TERRORISM', 'POLITICS']);
const CHOICES = 'PORN、TERRORISM、POLITICS';
const MISSING_ENGINE: Readonly<Record<string, { zh: string; en: string }>> = {
  TEXT: { zh: '图文审核（OCR）', en: 'text-in-image (OCR)' },
};

/** Checks the required Scenes parameter; the distinct scenes asked for, in request order. */
export function parseScenes(params: Record<string, unknown>): ModerationScene[] {
  const value = params.Scenes;
  if (value === undefined || value === null) throw apiError('missingParameter', { name: 'Scenes' });
  if (!Array.isArray(value) || value.length === 0 || value.some((s) => typeof s !== 'string')) throw apiError('sceneList', { choices: CHOICES });
  const scenes: ModerationScene[] = [];
  for (const scene of value as string[]) {
    if (scenes.includes(scene as ModerationScene)) continue;
    const missing = MISSING_ENGINE[scene];
    if (missing) throw apiError('sceneWithoutEngine', { engine: missing.zh, engineEn: missing.en, scene });
    if (!AVAILABLE.has(scene as ModerationScene)) throw apiError('unknownScene', { scene: scene.slice(0, 32), choices: CHOICES });
    scenes.push(scene as ModerationScene);
  }
  return scenes;
}

// PORN. explicit = P(Porn) + P(Hentai); suggestive = P(Sexy).
export const PORN_BLOCK_EXPLICIT = 0.8;
export const PORN_REVIEW_EXPLICIT = 0.4;
export const PORN_REVIEW_SEXY = 0.5;

export function pornResult(p: NsfwProbabilities): PornResult {
  const explicit = p.Porn + p.Hentai;
  const suggestion: Suggestion = explicit >= PORN_BLOCK_EXPLICIT ? 'BLOCK' : explicit >= PORN_REVIEW_EXPLICIT || p.Sexy >= PORN_REVIEW_SEXY ? 'REVIEW' : 'PASS';
  return { Code: 0, Msg: 'OK', Suggestion: suggestion, Confidence: percent(explicit + p.Sexy), Type: 'LABEL', AdvancedInfo: '' };
}

// TERRORISM: the detector's weapon-like classes. Knives and bats can be blocked; scissors
// (an everyday object) can only raise a REVIEW.
export const TERRORISM_REVIEW_SCORE = 0.3;
export const TERRORISM_BLOCK_SCORE = 0.6;
const BLOCKABLE = new Set(['knife', 'baseball bat']);

export async function terrorismResult(image: DecodedImage): Promise<TerrorismResult> {
  const { candidates } = await detectObjects(image);
  const weapons = candidates.filter((d) => d.cls.kind === 'weapon');
  const top = weapons[0]; // candidates are sorted best first
  const score = top?.score ?? 0;
  const blockable = weapons.some((d) => BLOCKABLE.has(d.cls.en) && d.score >= TERRORISM_BLOCK_SCORE);
  const suggestion: Suggestion = blockable ? 'BLOCK' : score >= TERRORISM_REVIEW_SCORE ? 'REVIEW' : 'PASS';
  return { Code: 0, Msg: 'OK', Suggestion: suggestion, Confidence: percent(score), Type: 'LABEL', AdvancedInfo: '', FaceResults: [] };
}

const RANK: Readonly<Record<Suggestion, number>> = { PASS: 0, REVIEW: 1, BLOCK: 2 };

/** `gallery` is only read by POLITICS (its 'politics' persons); `extra` is the request's Extra. */
export async function imageModeration(
  image: DecodedImage,
  scenes: readonly ModerationScene[],
  gallery: readonly GalleryFace[],
  extra: string | null = null,
): Promise<ModerationResult> {
  const [porn, terrorism, politics] = await Promise.all([
    scenes.includes('PORN') ? classifyNsfw(image).then(pornResult) : null,
    scenes.includes('TERRORISM') ? terrorismResult(image) : null,
    scenes.includes('POLITICS') ? politicsResult(image, gallery) : null,
  ]);
  const results = [porn, terrorism, politics].filter((r): r is NonNullable<typeof r> => r !== null);
  const worst = results.reduce<Suggestion>((acc, r) => (RANK[r.Suggestion] > RANK[acc] ? r.Suggestion : acc), 'PASS');
  return { Suggestion: worst, PornResult: porn, TerrorismResult: terrorism, PoliticsResult: politics, DisgustResult: null, Extra: extra };
}

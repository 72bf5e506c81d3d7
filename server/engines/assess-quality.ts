import type { DecodedImage } from './decode';
import { colourStats, compositionScore, edgeSharpness, noiseSigma, type ColourStats } from './measures';
import { luminance } from './raster';

// AssessQuality (2019-05-29). Thresholds are the API's own definitions where it gives them
// (long, small, big image); docs/engines.md gives the reasoning for the rest.

export interface QualityResult {
  LongImage: boolean;
  BlackAndWhite: boolean;
  SmallImage: boolean;
  BigImage: boolean;
  PureImage: boolean;
  ClarityScore: number;
  AestheticScore: number;
}

const SMALL_LONG_SIDE = 179;
const BIG_SHORT_SIDE = 1000;
/** JPEG chroma noise leaves a few levels of colour in grey images. */
const GREY_TOLERANCE = 12;
const PURE_TOP_TWO_SHARE = 0.95;

const UNSCORED: QualityResult = {
  LongImage: false,
  BlackAndWhite: false,
  SmallImage: false,
  BigImage: false,
  PureImage: false,
  ClarityScore: 0,
  AestheticScore: 0,
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const score = (v: number) => Math.round(100 * clamp01(v));

/** Closeness to a mid-tone exposure, the aesthetic ideal. */
function exposure(s: ColourStats): number {
  return clamp01(1 - Math.abs(s.meanLuma - 128) / 128) * clamp01(1 - Math.max(0, s.clipped - 0.05) * 2);
}

/** 1 for a usable exposure; falls for very dark or bright images and for clipped detail. */
function exposureUsable(s: ColourStats): number {
  return clamp01(1 - Math.max(0, Math.abs(s.meanLuma - 128) - 80) / 48) * clamp01(1 - Math.max(0, s.clipped - 0.1) * 2);
}

/** Sharpness, held back by noise and by bad exposure, as the API's definition asks. */
function clarity(edges: number, noise: number, s: ColourStats): number {
  // Squared so that a slight blur costs little and a heavy one a lot (see docs/engines.md).
  const sharpness = (edges * edges) / (edges * edges + 0.04);
  const noisePenalty = 1 - 0.8 * clamp01((noise - 2) / 20);
  const exposurePenalty = 0.5 + 0.5 * exposureUsable(s);
  return sharpness * noisePenalty * exposurePenalty;
}

function aesthetic(clarityScore: number, composition: number, s: ColourStats): number {
  const contrast = clamp01(s.stdLuma / 64);
  const colourfulness = 1 - Math.abs(s.meanSaturation - 0.35) / 0.65;
  return 0.25 * exposure(s) + 0.25 * contrast + 0.15 * clamp01(colourfulness) + 0.15 * composition + 0.2 * clarityScore;
}

export function assessQuality(image: DecodedImage): QualityResult {
  const { width, height, analysis } = image;
  const longSide = Math.max(width, height);
  const shortSide = Math.min(width, height);
  const flags = {
    LongImage: longSide / shortSide >= 3,
    SmallImage: longSide < SMALL_LONG_SIDE,
    BigImage: shortSide > BIG_SHORT_SIDE,
  };
  // The API defines a small image as unfit for scoring: every other field is 0 or FALSE.
  if (flags.SmallImage) return { ...UNSCORED, SmallImage: true };

  const luma = luminance(analysis);
  const stats = colourStats(analysis, luma);
  const pure = stats.topTwoColourShare >= PURE_TOP_TWO_SHARE;
  const clarityValue = pure ? 0 : clarity(edgeSharpness(luma, analysis.width, analysis.height), noiseSigma(luma, analysis.width, analysis.height), stats);
  return {
    ...flags,
    BlackAndWhite: stats.maxChroma <= GREY_TOLERANCE,
    PureImage: pure,
    ClarityScore: score(clarityValue),
    AestheticScore: pure ? 0 : score(aesthetic(clarityValue, compositionScore(luma, analysis.width, analysis.height), stats)),
  };
}

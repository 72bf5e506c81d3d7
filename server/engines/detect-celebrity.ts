import type { PersonKindCode } from '@/lib/gallery';
import type { DecodedImage } from './decode';
import { apiError } from '@/server/gateway/messages';
import type { FaceResult, PoliticsResult, Suggestion } from './image-moderation';
import { percent } from './models/detector';
import { cosine, detectFaces, type Face } from './models/faces';

// DetectCelebrity and the POLITICS scene, engine side: faces found and described
// (models/faces.ts), each compared with the reference faces of the operator-managed 人物库.
// The gallery is passed in: server/gallery keeps it in the database and in memory.

export type PersonKind = PersonKindCode;

/** One reference face of a gallery person. */
export interface GalleryFace {
  personId: number;
  kind: PersonKind;
  name: string;
  labels: readonly string[];
  basicInfo: string;
  /** L2-normalised, as detectFaces() gives it. */
  descriptor: readonly number[];
}

/**
 * Cosine similarity from which a face is taken to be the gallery person. Provisional: set
 * between the fixtures' same-face (0.94) and different-person (0.42) scores, not yet
 * calibrated on pairs of different real photos of one person (docs/engines.md).
 */
export const FACE_MATCH_THRESHOLD = 0.7;
/** POLITICS: a similarity this close to a listed person, short of a match, asks for review. */
export const POLITICS_REVIEW_SIMILARITY = 0.6;

export interface Match {
  face: GalleryFace;
  similarity: number;
}

/** The most similar reference face of the given kind, or null when the gallery has none. */
export function bestMatch(descriptor: readonly number[], gallery: readonly GalleryFace[], kind: PersonKind): Match | null {
  let best: Match | null = null;
  for (const face of gallery) {
    if (face.kind !== kind) continue;
    const similarity = cosine(descriptor, face.descriptor);
    if (!best || similarity > best.similarity) best = { face, similarity };
  }
  return best;
}

/** The model's Labels entry; the 人物库 keeps one flat list of labels, so no second level. */
export interface CelebrityLabel {
  FirstLabel: string;
  SecondLabel: string | null;
}

export interface CelebrityFace {
  Name: string;
  Labels: CelebrityLabel[];
  BasicInfo: string;
  /** round(100 × similarity to the best gallery match, floored at 0); 0 with an empty gallery. */
  Confidence: number;
  X: number;
  Y: number;
  Width: number;
  Height: number;
  /** The 人物库 person's number as the model's 8-character ID; null for an unknown face. */
  ID: string | null;
}

export interface CelebrityResult {
  Faces: CelebrityFace[];
  /** The original's per-false-rate thresholds; not calibrated here (docs/engines.md), so null. */
  Threshold: null;
}

function box(f: Face) {
  return { X: f.x, Y: f.y, Width: f.width, Height: f.height };
}

export const personCode = (personId: number) => String(personId).padStart(8, '0');

/** A photo without a face is refused (InvalidParameterValue.NoFaceInPhoto), as the original does. */
export async function detectCelebrity(image: DecodedImage, gallery: readonly GalleryFace[]): Promise<CelebrityResult> {
  const faces = await detectFaces(image);
  if (faces.length === 0) throw apiError('noFace');
  return {
    Faces: faces.map((f) => {
      const match = bestMatch(f.descriptor, gallery, 'celebrity');
      const confidence = match ? percent(match.similarity) : 0;
      // Unknown faces come back with their box and no name.
      if (!match || match.similarity < FACE_MATCH_THRESHOLD) return { Name: '', Labels: [], BasicInfo: '', Confidence: confidence, ...box(f), ID: null };
      const p = match.face;
      return {
        Name: p.name,
        Labels: p.labels.map((FirstLabel) => ({ FirstLabel, SecondLabel: null })),
        BasicInfo: p.basicInfo,
        Confidence: confidence,
        ...box(f),
        ID: personCode(p.personId),
      };
    }),
    Threshold: null,
  };
}

/** The original returns at most this many FaceResults. */
const MAX_FACE_RESULTS = 5;

/**
 * POLITICS: BLOCK when a face matches a listed person, REVIEW when one comes close, else
 * PASS. Each face (at most 5) is a FaceResult naming the listed person it came close to.
 */
export async function politicsResult(image: DecodedImage, gallery: readonly GalleryFace[]): Promise<PoliticsResult> {
  let best = 0;
  const faceResults: FaceResult[] = [];
  for (const f of await detectFaces(image)) {
    const match = bestMatch(f.descriptor, gallery, 'politics');
    const similarity = match?.similarity ?? 0;
    best = Math.max(best, similarity);
    if (faceResults.length < MAX_FACE_RESULTS) {
      const Candidates = match && similarity >= POLITICS_REVIEW_SIMILARITY ? [{ Name: match.face.name, Confidence: percent(similarity) }] : [];
      faceResults.push({ FaceRect: box(f), Candidates });
    }
  }
  const suggestion: Suggestion = best >= FACE_MATCH_THRESHOLD ? 'BLOCK' : best >= POLITICS_REVIEW_SIMILARITY ? 'REVIEW' : 'PASS';
  return { Code: 0, Msg: 'OK', Suggestion: suggestion, Confidence: percent(best), Type: 'FACE', AdvancedInfo: '', FaceResults: faceResults };
}

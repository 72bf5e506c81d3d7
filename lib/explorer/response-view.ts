// The answer as 在线调试 prints it. EnhanceImage answers a whole PNG in base64: megabytes a
// <pre> should not hold. Long strings are cut to their head and length; the copy button
// still copies the answer as received.

export const MAX_SHOWN_STRING = 256;
const HEAD = 48;

export function shownJson(answer: unknown): string {
  return JSON.stringify(
    answer,
    (_key, value: unknown) => (typeof value === 'string' && value.length > MAX_SHOWN_STRING ? `${value.slice(0, HEAD)}…（共 ${value.length} 个字符，已省略）` : value),
    2,
  );
}

interface ApiErrorShape {
  Response?: { Error?: { Code?: unknown; Message?: unknown } };
}

/** The API's error code and message when the answer is an error, else null. */
export function answerError(answer: unknown): { code: string; message: string } | null {
  const error = (answer as ApiErrorShape | null)?.Response?.Error;
  if (!error || typeof error.Code !== 'string') return null;
  return { code: error.Code, message: typeof error.Message === 'string' ? error.Message : '' };
}

/** The first bytes of each format the API answers, as they begin in base64. */
const BASE64_MAGIC: [string, string][] = [
  ['/9j/', 'image/jpeg'],
  ['iVBOR', 'image/png'],
  ['Qk', 'image/bmp'],
];

/** EnhanceImage's picture, to show beside the original (in the format it came in: JPEG stays JPEG). */
export function enhancedImage(answer: unknown): string | null {
  const value = (answer as { Response?: { EnhancedImage?: unknown } } | null)?.Response?.EnhancedImage;
  if (typeof value !== 'string' || value.length === 0) return null;
  const mime = BASE64_MAGIC.find(([magic]) => value.startsWith(magic))?.[1] ?? 'image/png';
  return `data:${mime};base64,${value}`;
}

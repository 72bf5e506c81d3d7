import { randomUUID } from 'node:crypto';

// Tencent Cloud API 3.0 answers: 200 with {"Response": {...}} for success and for errors
// alike; the error is told by Response.Error.

export class ApiError extends Error {
  /**
   * `message` is the Chinese text; `text`, when the refusal came from the message catalog
   * (messages.ts), lets the answer be given in the caller's language.
   */
  constructor(
    readonly code: string,
    message: string,
    readonly text?: { readonly id: string; readonly params: Readonly<Record<string, string | number>> },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The last millisecond a RequestId was made in, and the text it starts with. */
let idTime = { ms: -1, prefix: '' };

/**
 * A UUID version 7 (RFC 9562): the wall-clock millisecond, then 74 random bits. The
 * metering transaction and the request log index their rows by RequestId; with random
 * (version 4) ids every row of a flush lands on another page of those indexes and a flush
 * writes a page per row, with ids that grow with time the rows of a flush share a page or
 * two (half of SQLite's part of a flush, bench/api/README.md). Still a UUID, as SPEC §8 says.
 */
export function newRequestId(): string {
  const now = Date.now();
  // Calls of the same millisecond (a few, under load) share the text of its time.
  if (now !== idTime.ms) {
    const hex = now.toString(16).padStart(12, '0');
    idTime = { ms: now, prefix: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7` };
  }
  // randomUUID() is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep its random part after the version.
  return idTime.prefix + randomUUID().slice(15);
}

export function errorEnvelope(requestId: string, code: string, message: string) {
  return { Response: { Error: { Code: code, Message: message }, RequestId: requestId } };
}

export function successEnvelope(requestId: string, fields: object) {
  return { Response: { ...fields, RequestId: requestId } };
}

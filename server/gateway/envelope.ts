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

export function newRequestId(): string {
  return randomUUID();
}

export function errorEnvelope(requestId: string, code: string, message: string) {
  return { Response: { Error: { Code: code, Message: message }, RequestId: requestId } };
}

export function successEnvelope(requestId: string, fields: object) {
  return { Response: { ...fields, RequestId: requestId } };
}

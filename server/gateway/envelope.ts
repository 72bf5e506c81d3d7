import { randomUUID } from 'node:crypto';

// Tencent Cloud API 3.0 answers: 200 with {"Response": {...}} for success and for errors
// alike; the error is told by Response.Error.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
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

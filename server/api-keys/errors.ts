export type ApiKeyErrorCode = 'NotFound' | 'LimitReached';

/** A refusal the customer can act on; `message` is Chinese and shown as is. */
export class ApiKeyError extends Error {
  constructor(
    readonly code: ApiKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

/** A row the caller asked for is not there, or is not theirs: both answer the same. */
export class NotFoundError extends Error {
  readonly code = 'NotFound';
  constructor(what: string) {
    super(`${what}不存在`);
    this.name = 'NotFoundError';
  }
}

export function notFound(what: string): NotFoundError {
  return new NotFoundError(what);
}

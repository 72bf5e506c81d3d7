export type PricingErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_MONTH'
  | 'UNKNOWN_ITEM'
  | 'DUPLICATE_ITEM'
  | 'INVALID_COUNT'
  | 'CALLS_EXCEED_TOTAL'
  | 'INVALID_TIER'
  | 'NO_PACKS_FOR_ITEM'
  | 'UNKNOWN_PACK_SIZE'
  | 'INVALID_QUANTITY';

/**
 * Rating refuses input it cannot price exactly rather than guessing: a bill built from
 * bad counters must stop the bill run, not be issued. `code` is for programs, the
 * message is for the operator reading the log.
 */
export class PricingError extends Error {
  readonly code: PricingErrorCode;

  constructor(code: PricingErrorCode, message: string) {
    super(message);
    this.name = 'PricingError';
    this.code = code;
  }
}

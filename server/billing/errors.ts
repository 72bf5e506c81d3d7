/**
 * A refusal the customer can act on. `code` is for programs (the tRPC layer and the API
 * gateway map it to their own error codes); `message` is Chinese and shown as is.
 */
export type BillingErrorCode =
  | 'NotFound'
  | 'NotActivated'
  | 'InArrears'
  | 'BalanceInsufficient'
  | 'BetaNoPacks'
  | 'InvalidPack'
  | 'InvalidQuantity'
  | 'InvalidAmount'
  | 'OrderNotPayable'
  | 'OrderNotCancellable'
  | 'RefundNotAllowed'
  | 'TopUpFailed';

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

export function notFound(what: string): BillingError {
  return new BillingError('NotFound', `${what}不存在`);
}

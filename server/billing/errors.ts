/**
 * A refusal the customer can act on. `code` is for programs (the tRPC layer and the API
 * gateway map it to their own error codes); `message` is Chinese and shown as is.
 * A missing row is db/not-found.ts's NotFoundError, shared with every other domain.
 */
export type BillingErrorCode =
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
  | 'TopUpFailed'
  | 'OnlinePaymentUnavailable'
  | 'IdempotencyKeyReused'
  | 'InvalidReference'
  | 'ReferenceUsed';

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

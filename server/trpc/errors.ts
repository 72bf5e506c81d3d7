import { TRPCError } from '@trpc/server';
import { NotFoundError } from '@/db/not-found';
import { PricingError } from '@/lib/pricing';
import { ApiKeyError } from '@/server/api-keys/errors';
import { AuthError } from '@/server/auth/accounts';
import { BillingError } from '@/server/billing';
import { ClockError } from '@/server/clock/app-clock';
import { GalleryError } from '@/server/gallery/errors';

type Code = TRPCError['code'];

// Domain errors carry a machine code and a Chinese message; this is the one place that
// decides which tRPC code each becomes. The domain code itself reaches the client as
// `data.domainCode`, so a page can offer the way out (e.g. 去充值 on BalanceInsufficient).
const CODES: Record<string, Code> = {
  EMAIL_TAKEN: 'CONFLICT',
  BAD_CREDENTIALS: 'UNAUTHORIZED',
  CLOCK_BACKWARDS: 'BAD_REQUEST',
  NOT_SANDBOX: 'FORBIDDEN',
  NOT_INITIALISED: 'INTERNAL_SERVER_ERROR',
  NotFound: 'NOT_FOUND',
  NotActivated: 'PRECONDITION_FAILED',
  InArrears: 'PRECONDITION_FAILED',
  BalanceInsufficient: 'PRECONDITION_FAILED',
  BetaNoPacks: 'PRECONDITION_FAILED',
  RefundNotAllowed: 'PRECONDITION_FAILED',
  OrderNotPayable: 'CONFLICT',
  OrderNotCancellable: 'CONFLICT',
  TopUpFailed: 'BAD_GATEWAY',
  OnlinePaymentUnavailable: 'FORBIDDEN',
  IdempotencyKeyReused: 'CONFLICT',
  InvalidReference: 'BAD_REQUEST',
  ReferenceUsed: 'CONFLICT',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  LimitReached: 'PRECONDITION_FAILED',
  NoFace: 'UNPROCESSABLE_CONTENT',
  SeveralFaces: 'UNPROCESSABLE_CONTENT',
};

const DOMAIN_ERRORS = [NotFoundError, AuthError, ClockError, BillingError, PricingError, ApiKeyError, GalleryError] as const;
type DomainError = InstanceType<(typeof DOMAIN_ERRORS)[number]>;

const isDomainError = (err: unknown): err is DomainError => DOMAIN_ERRORS.some((E) => err instanceof E);

export function toTRPCError(err: unknown): TRPCError | null {
  return isDomainError(err) ? new TRPCError({ code: CODES[err.code] ?? 'BAD_REQUEST', message: err.message, cause: err }) : null;
}

export function domainCodeOf(err: unknown): string | null {
  return isDomainError(err) ? err.code : null;
}

import { TRPCError } from '@trpc/server';
import { PricingError } from '@/lib/pricing';
import { AuthError } from '@/server/auth/accounts';
import { BillingError } from '@/server/billing';
import { ClockError } from '@/server/clock/app-clock';

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
};

export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof AuthError || err instanceof ClockError || err instanceof BillingError || err instanceof PricingError) {
    return new TRPCError({ code: CODES[err.code] ?? 'BAD_REQUEST', message: err.message, cause: err });
  }
  return null;
}

export function domainCodeOf(err: unknown): string | null {
  return err instanceof AuthError || err instanceof ClockError || err instanceof BillingError || err instanceof PricingError ? err.code : null;
}

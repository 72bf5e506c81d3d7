import { TRPCError } from '@trpc/server';
import { AuthError } from '@/server/auth/accounts';
import { ClockError } from '@/server/clock/app-clock';

type Code = TRPCError['code'];

// Domain errors carry a machine code and a Chinese message; this is the one place that
// decides which tRPC code each becomes.
const CODES: Record<string, Code> = {
  EMAIL_TAKEN: 'CONFLICT',
  BAD_CREDENTIALS: 'UNAUTHORIZED',
  CLOCK_BACKWARDS: 'BAD_REQUEST',
  NOT_SANDBOX: 'FORBIDDEN',
  NOT_INITIALISED: 'INTERNAL_SERVER_ERROR',
};

export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof AuthError || err instanceof ClockError) {
    return new TRPCError({ code: CODES[err.code] ?? 'BAD_REQUEST', message: err.message, cause: err });
  }
  return null;
}

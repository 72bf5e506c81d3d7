import { TRPCError } from '@trpc/server';
import type { Db } from '@/db/client';
import { createCallerFactory } from './init';
import { appRouter } from './root';

/**
 * The whole tRPC API as a signed-in user calls it, without HTTP or a cookie. Test files
 * that use it mock 'server-only' (the guard has nothing to guard under Vitest).
 */
export function callerFor(db: Db, user: { userId: number; accountId: number; email?: string; isOperator?: boolean }) {
  const session = { email: 'x@example.com', isOperator: false, expiresAt: Number.MAX_SAFE_INTEGER, ...user };
  return createCallerFactory(appRouter)({ db, session, resHeaders: new Headers(), secure: false, token: 't', clientAddress: null });
}

/** "CODE: message" of the TRPCError a call was refused with, or "ok". */
export async function trpcOutcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    return err instanceof TRPCError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'ok';
}

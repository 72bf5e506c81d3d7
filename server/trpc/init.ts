import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '@/db/client';
import { clientAddress } from '@/server/auth/client-address';
import { lookupSession, readCookie, secureCookies, SESSION_COOKIE, sessionCookie, type SessionUser } from '@/server/auth/session';
import { appNow } from '@/server/clock/app-clock';
import { getDb } from '@/server/db';
import { domainCodeOf, toTRPCError } from './errors';
import { reportInternalError } from './internal-error';

export interface Context {
  db: Db;
  session: SessionUser | null;
  /** Set-Cookie and friends for the response (fetch adapter). */
  resHeaders: Headers;
  secure: boolean;
  token: string | undefined;
  /** For the per-address sign-in throttle (client-address.ts). */
  clientAddress: string | null;
}

export async function createContext(opts: { req: Request; resHeaders: Headers }): Promise<Context> {
  const db = getDb();
  const token = readCookie(opts.req.headers.get('cookie'), SESSION_COOKIE);
  const session = await lookupSession(db, token);
  const secure = secureCookies(opts.req);
  // The session's expiry slides; keep the cookie's Max-Age in step with it.
  if (session && token) opts.resHeaders.append('Set-Cookie', sessionCookie(token, session.expiresAt, secure));
  return { db, session, resHeaders: opts.resHeaders, secure, token, clientAddress: clientAddress(opts.req) };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const domainCode = domainCodeOf(error.cause);
    // A domain error's message is Chinese and meant for the user, whatever its code.
    if (error.code === 'INTERNAL_SERVER_ERROR' && !domainCode) {
      const data = { ...shape.data, domainCode, fieldErrors: null };
      delete data.stack;
      return { ...shape, message: reportInternalError(error.cause ?? error, path), data };
    }
    // The first zod issue's message is already Chinese and meant for the user.
    const message = zod ? (zod.issues[0]?.message ?? '输入不正确') : shape.message;
    return { ...shape, message, data: { ...shape.data, domainCode, fieldErrors: zod?.flatten().fieldErrors ?? null } };
  },
});

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  const session = ctx.session;
  // The app clock is read when a procedure needs it, not for every call.
  return next({ ctx: { ...ctx, session, accountId: session.accountId, now: () => appNow(ctx.db) } });
});

/** The 人物库 and other operator tools: a signed-in user with is_operator. */
export const operatorProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.session.isOperator) throw new TRPCError({ code: 'FORBIDDEN', message: '无权访问：仅运营人员可以管理人物库' });
  return next();
});

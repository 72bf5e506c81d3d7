import { signInSchema, signUpSchema } from '@/lib/credentials';
import { signIn, signUp } from '@/server/auth/accounts';
import { clearedSessionCookie, createSession, destroySession, destroyUserSessions, sessionCookie } from '@/server/auth/session';
import { appNow } from '@/server/clock/app-clock';
import { protectedProcedure, publicProcedure, router, type Context } from '../init';
import { endedSessionsOutput, meOutput, okOutput } from './auth.types';

async function startSession(ctx: Context, userId: number) {
  const { token, expiresAt } = await createSession(ctx.db, userId);
  ctx.resHeaders.append('Set-Cookie', sessionCookie(token, expiresAt, ctx.secure));
}

export const authRouter = router({
  signUp: publicProcedure
    .input(signUpSchema)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const { userId } = await signUp(ctx.db, input, await appNow(ctx.db));
      await startSession(ctx, userId);
      return { ok: true as const };
    }),
  signIn: publicProcedure
    .input(signInSchema)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const { userId } = await signIn(ctx.db, { ...input, clientAddress: ctx.clientAddress });
      await startSession(ctx, userId);
      return { ok: true as const };
    }),
  signOut: publicProcedure.output(okOutput).mutation(async ({ ctx }) => {
    await destroySession(ctx.db, ctx.token);
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.secure));
    return { ok: true as const };
  }),
  /** 退出所有设备: every session of this user ends, this one too (the page goes to /login). */
  signOutEverywhere: protectedProcedure.output(endedSessionsOutput).mutation(async ({ ctx }) => {
    const ended = await destroyUserSessions(ctx.db, ctx.session.userId);
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.secure));
    return { ended };
  }),
  me: protectedProcedure.output(meOutput).query(({ ctx }) => ({ email: ctx.session.email, isOperator: ctx.session.isOperator })),
});

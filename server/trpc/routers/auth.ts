import { signInSchema, signUpSchema } from '@/lib/credentials';
import { signIn, signUp } from '@/server/auth/accounts';
import { clearedSessionCookie, createSession, destroySession, sessionCookie } from '@/server/auth/session';
import { appNow } from '@/server/clock/app-clock';
import { protectedProcedure, publicProcedure, router, type Context } from '../init';
import { meOutput, okOutput } from './auth.types';

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
      const { userId } = await signIn(ctx.db, input);
      await startSession(ctx, userId);
      return { ok: true as const };
    }),
  signOut: publicProcedure.output(okOutput).mutation(async ({ ctx }) => {
    await destroySession(ctx.db, ctx.token);
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.secure));
    return { ok: true as const };
  }),
  me: protectedProcedure.output(meOutput).query(({ ctx }) => ({ email: ctx.session.email, isOperator: ctx.session.isOperator })),
});

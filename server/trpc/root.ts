import { router } from './init';
import { authRouter } from './routers/auth';
import { clockRouter } from './routers/clock';
import { overviewRouter } from './routers/overview';

export const appRouter = router({
  auth: authRouter,
  overview: overviewRouter,
  clock: clockRouter,
});

export type AppRouter = typeof appRouter;

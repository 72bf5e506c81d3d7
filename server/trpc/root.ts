import { router } from './init';
import { accountRouter } from './routers/account';
import { apiKeysRouter } from './routers/api-keys';
import { authRouter } from './routers/auth';
import { balanceAlertRouter } from './routers/balance-alert';
import { billsRouter } from './routers/bills';
import { clockRouter } from './routers/clock';
import { explorerRouter } from './routers/explorer';
import { galleryRouter } from './routers/gallery';
import { notificationsRouter } from './routers/notifications';
import { ordersRouter } from './routers/orders';
import { overviewRouter } from './routers/overview';
import { packsRouter } from './routers/packs';
import { productRouter } from './routers/product';
import { requestsRouter } from './routers/requests';
import { usageRouter } from './routers/usage';

export const appRouter = router({
  auth: authRouter,
  overview: overviewRouter,
  product: productRouter,
  packs: packsRouter,
  orders: ordersRouter,
  account: accountRouter,
  balanceAlert: balanceAlertRouter,
  bills: billsRouter,
  usage: usageRouter,
  requests: requestsRouter,
  explorer: explorerRouter,
  notifications: notificationsRouter,
  apiKeys: apiKeysRouter,
  clock: clockRouter,
  gallery: galleryRouter,
});

export type AppRouter = typeof appRouter;

import { z } from 'zod';
import { listNotifications, markRead, unreadCount } from '@/server/notifications';
import { assertOwnNotification } from '@/server/queries/notifications';
import { protectedProcedure, router } from '../init';
import { pageInput } from '../paging';

export const notificationsRouter = router({
  list: protectedProcedure.input(pageInput).query(({ ctx, input }) => listNotifications(ctx.db, ctx.accountId, input)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.db, ctx.accountId)),
  /** Marking a read message again changes nothing; another account's message is NOT_FOUND. */
  markRead: protectedProcedure
    .input(z.object({ id: z.number().int().positive('消息不存在') }))
    .mutation(({ ctx, input }) => {
      assertOwnNotification(ctx.db, ctx.accountId, input.id);
      return { changed: markRead(ctx.db, ctx.accountId, [input.id], ctx.now()) };
    }),
  markAllRead: protectedProcedure.mutation(({ ctx }) => ({ changed: markRead(ctx.db, ctx.accountId, 'all', ctx.now()) })),
});

import { z } from 'zod';
import { markRead } from '@/server/notifications';
import { assertOwnNotification, listNotifications, unreadCount } from '@/server/queries/notifications';
import { protectedProcedure, router } from '../init';
import { pageInput } from '../paging';
import { markedReadOutput, notificationPageOutput, unreadCountOutput } from './notifications.types';

export const notificationsRouter = router({
  list: protectedProcedure
    .input(pageInput)
    .output(notificationPageOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.accountId, input)),
  unreadCount: protectedProcedure.output(unreadCountOutput).query(({ ctx }) => unreadCount(ctx.db, ctx.accountId)),
  /** Marking a read message again changes nothing; another account's message is NOT_FOUND. */
  markRead: protectedProcedure
    .input(z.object({ id: z.number().int().positive('消息不存在') }))
    .output(markedReadOutput)
    .mutation(async ({ ctx, input }) => {
      await assertOwnNotification(ctx.db, ctx.accountId, input.id);
      return { changed: await markRead(ctx.db, ctx.accountId, [input.id], await ctx.now()) };
    }),
  markAllRead: protectedProcedure
    .output(markedReadOutput)
    .mutation(async ({ ctx }) => ({ changed: await markRead(ctx.db, ctx.accountId, 'all', await ctx.now()) })),
});

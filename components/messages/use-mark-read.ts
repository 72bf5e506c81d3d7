'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { useTRPC } from '@/components/trpc';

/** 标为已读 and 全部标为已读; both refresh the list and the top bar's unread badge. */
export function useMarkRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const onError = (err: { message: string }) => toast.error(err.message);
  const one = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh, onError }));
  const all = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: ({ changed }) => {
        toast.success(`已将 ${changed} 条消息标为已读`);
        return refresh();
      },
      onError,
    }),
  );
  return { one, all };
}

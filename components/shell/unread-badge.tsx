'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useTRPC } from '@/components/trpc';

// New notifications come from jobs and API calls, not from this page: poll for them.
const POLL_MS = 15_000;

/** 消息中心 in the top bar, with the number of unread messages when there are any. */
export function UnreadBadge() {
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: POLL_MS });
  // The top bar outlives client-side navigation; look again whenever the page changes.
  const pathname = usePathname();
  const { refetch } = unread;
  useEffect(() => {
    void refetch();
  }, [pathname, refetch]);
  const count = unread.data ?? 0;
  return (
    // data-unread appears once the count has loaded, so a test can wait for "0" instead of
    // reading an absent badge before the query answered.
    <Link
      href="/messages"
      data-testid="unread-link"
      data-unread={unread.isSuccess ? count : undefined}
      className="flex items-center gap-1.5 text-white/80 hover:text-white" aria-label={count > 0 ? `消息中心，${count} 条未读` : '消息中心'}>
      <svg viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor" aria-hidden>
        <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5Zm-1.8 11.8a1.8 1.8 0 0 0 3.6 0Z" />
      </svg>
      消息中心
      {count > 0 ? (
        <span data-testid="unread-count" className="tabular min-w-5 bg-danger px-1.5 text-center text-xs leading-5 text-white">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}

'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, type Column } from '@/components/ui/table';
import { formatDateTime } from '@/lib/period';
import { NOTIFICATION_KINDS, type Notification } from './notification-kinds';
import { useMarkRead } from './use-mark-read';

const PAGE_SIZE = 20;

function columns(markRead: (id: number) => void, pending: boolean): Column<Notification>[] {
  // Unread messages are set in bold, as in a mail inbox.
  const weight = (n: Notification) => (n.readAt === null ? 'font-semibold' : '');
  return [
    { key: 'kind', header: '类型', render: (n) => <Badge tone={NOTIFICATION_KINDS[n.kind].tone}>{NOTIFICATION_KINDS[n.kind].label}</Badge> },
    { key: 'title', header: '标题', className: 'whitespace-nowrap', render: (n) => <span className={weight(n)}>{n.title}</span> },
    { key: 'body', header: '内容', render: (n) => <span className={weight(n)}>{n.body}</span> },
    { key: 'time', header: '时间（UTC+8）', className: 'whitespace-nowrap', render: (n) => <span className="tabular">{formatDateTime(n.createdAt)}</span> },
    { key: 'state', header: '状态', render: (n) => (n.readAt === null ? <Badge tone="info">未读</Badge> : <Badge>已读</Badge>) },
    {
      key: 'action',
      header: '操作',
      className: 'whitespace-nowrap',
      render: (n) =>
        n.readAt === null ? (
          <Button variant="link" onClick={() => markRead(n.id)} disabled={pending}>
            标为已读
          </Button>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
  ];
}

export function MessagesPanel() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({ ...trpc.notifications.list.queryOptions({ page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  const { one, all } = useMarkRead();

  return (
    <div className="p-6">
      <Card
        title="站内消息"
        extra={
          <Button onClick={() => all.mutate()} disabled={all.isPending || !unread.data}>
            全部标为已读
          </Button>
        }
      >
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError message={list.error.message} />
        ) : (
          <>
            <DataTable
              testId="messages-table"
              columns={columns((id) => one.mutate({ id }), one.isPending)}
              rows={list.data.rows}
              rowKey={(n) => n.id}
              rowTestId={(n) => `message-${n.id}`}
              empty="暂无消息：资源包余量不足或用完、账单出具、账户欠费时，会在这里通知您"
            />
            {list.data.total > PAGE_SIZE ? <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} /> : null}
          </>
        )}
      </Card>
    </div>
  );
}

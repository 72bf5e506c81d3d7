'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequestLogTable } from '@/components/requests/request-log-table';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';

/** Tencent's 访问记录: a key's last 20 calls, and the whole log filtered by it. */
export function KeyRecentCalls({ id, secretId }: { id: number; secretId: string }) {
  const trpc = useTRPC();
  const calls = useQuery(trpc.requests.byKey.queryOptions({ id }));
  return (
    <Card
      title={`访问记录（最近 20 次）· ${secretId}`}
      extra={
        <Link className="text-sm text-brand" href={`/requests?secretId=${encodeURIComponent(secretId)}`}>
          更多访问记录
        </Link>
      }
    >
      {calls.isPending ? <Loading /> : calls.isError ? <LoadError message={calls.error.message} /> : <RequestLogTable rows={calls.data} testId="key-recent-calls" empty="该密钥最近 30 天没有调用" />}
    </Card>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { DataTable, type Column } from '@/components/ui/table';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { formatDateTime } from '@/lib/period';
import { KeyRecentCalls } from './key-recent-calls';
import { KeyActionDialog, type KeyAction, type PendingKeyAction } from './key-action-dialog';
import { NewSecretCard } from './new-secret-card';
import { SdkExample } from './sdk-example';

const MAX_KEYS = 2;

type KeyRow = RouterOutputs['apiKeys']['list']['keys'][number];

export function ApiKeysPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.apiKeys.list.queryOptions());
  const [pending, setPending] = useState<PendingKeyAction | null>(null);
  const [shownKey, setShownKey] = useState<number | null>(null);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
      onError: (e) => toast.error(e.message),
    }),
  );

  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError message={list.error.message} />;
  const { keys, endpoint, protocol } = list.data;
  const atLimit = keys.length >= MAX_KEYS;
  const shown = keys.find((k) => k.id === shownKey);
  const ask = (action: KeyAction, row: KeyRow) => setPending({ action, id: row.id, secretId: row.secretId });

  const columns: Column<KeyRow>[] = [
    { key: 'secretId', header: 'SecretId', render: (k) => <code className="tabular">{k.secretId}</code> },
    {
      key: 'status',
      header: '状态',
      render: (k) => <Badge tone={k.status === 'enabled' ? 'success' : 'muted'}>{k.status === 'enabled' ? '已启用' : '已禁用'}</Badge>,
    },
    { key: 'createdAt', header: '创建时间', render: (k) => <span className="tabular">{formatDateTime(k.createdAt)}</span> },
    { key: 'lastUsedAt', header: '最近使用', render: (k) => (k.lastUsedAt ? <span className="tabular">{formatDateTime(k.lastUsedAt)}</span> : <span className="text-muted">从未使用</span>) },
    {
      key: 'actions',
      header: '操作',
      render: (k) => (
        <div className="flex gap-3">
          {k.status === 'enabled' ? (
            <Button variant="link" onClick={() => ask('disable', k)}>禁用</Button>
          ) : (
            <Button variant="link" onClick={() => ask('enable', k)}>启用</Button>
          )}
          <Button variant="link" className="text-danger" onClick={() => ask('delete', k)}>删除</Button>
          <Button variant="link" onClick={() => setShownKey(shownKey === k.id ? null : k.id)}>
            {shownKey === k.id ? '收起访问记录' : '访问记录'}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-4 p-6">
      <Alert>
        API 密钥用于调用图像分析 API。SecretId 用于标识身份，SecretKey 用于签名，请妥善保管。每个账号最多 {MAX_KEYS} 个密钥；禁用或删除密钥后，使用它的调用在 1 秒内失败。
      </Alert>
      {create.data ? <NewSecretCard secretId={create.data.key.secretId} secretKey={create.data.secretKey} onDone={() => create.reset()} /> : null}
      <Card
        title="密钥列表"
        extra={
          <Button variant="primary" onClick={() => create.mutate()} disabled={atLimit || create.isPending}>
            新建密钥
          </Button>
        }
      >
        {atLimit ? <p className="mb-3 text-sm text-muted">已达到每个账号 {MAX_KEYS} 个密钥的上限，如需新建请先删除一个密钥。</p> : null}
        <DataTable columns={columns} rows={keys} rowKey={(k) => k.id} testId="api-keys" rowTestId={(k) => `key-${k.secretId}`} empty="暂无密钥，点击“新建密钥”创建" />
      </Card>
      {shown ? <KeyRecentCalls id={shown.id} secretId={shown.secretId} /> : null}
      <SdkExample endpoint={endpoint} protocol={protocol} secretId={keys[0]?.secretId} />
      <KeyActionDialog pending={pending} onClose={() => setPending(null)} />
    </div>
  );
}

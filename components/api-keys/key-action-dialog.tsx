'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useTRPC } from '@/components/trpc';

export type KeyAction = 'disable' | 'enable' | 'delete';

export interface PendingKeyAction {
  action: KeyAction;
  id: number;
  secretId: string;
}

const TEXT: Record<KeyAction, { title: string; confirm: string; body: string; done: string }> = {
  disable: {
    title: '禁用密钥',
    confirm: '确定禁用',
    body: '禁用后，使用该密钥签名的调用将在 1 秒内开始返回 AuthFailure.SecretIdNotFound，可随时重新启用。',
    done: '密钥已禁用',
  },
  enable: { title: '启用密钥', confirm: '确定启用', body: '启用后，该密钥可以立即重新调用图像分析 API。', done: '密钥已启用' },
  delete: {
    title: '删除密钥',
    confirm: '确定删除',
    body: '删除后不可恢复，使用该密钥的调用将在 1 秒内失败。删除后可以新建密钥。',
    done: '密钥已删除',
  },
};

export function KeyActionDialog({ pending, onClose }: { pending: PendingKeyAction | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = {
    onSuccess: () => {
      if (pending) toast.success(TEXT[pending.action].done);
      void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      onClose();
    },
    onError: (e: { message: string }) => toast.error(e.message),
  };
  const setStatus = useMutation(trpc.apiKeys.setStatus.mutationOptions(options));
  const remove = useMutation(trpc.apiKeys.remove.mutationOptions(options));

  function confirm() {
    if (!pending) return;
    if (pending.action === 'delete') remove.mutate({ id: pending.id });
    else setStatus.mutate({ id: pending.id, status: pending.action === 'enable' ? 'enabled' : 'disabled' });
  }

  const text = TEXT[pending?.action ?? 'disable'];
  return (
    <ConfirmDialog
      open={pending !== null}
      title={text.title}
      confirmLabel={text.confirm}
      danger={pending?.action !== 'enable'}
      pending={setStatus.isPending || remove.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p className="tabular mb-2 font-semibold">{pending?.secretId}</p>
      <p className="text-muted">{text.body}</p>
    </ConfirmDialog>
  );
}

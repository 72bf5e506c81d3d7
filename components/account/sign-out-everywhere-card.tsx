'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** 退出所有设备: a lost laptop or a shared computer stops being signed in. */
export function SignOutEverywhereCard() {
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const signOut = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        // This session ended too: back to the sign-in page.
        router.push('/login');
        router.refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <Card title="登录设备">
      <div className="flex items-center justify-between gap-4 text-sm">
        <p className="text-muted">在所有设备和浏览器上退出登录（包括当前设备）。密码可能泄露或曾在他人电脑上登录时使用。</p>
        <Button onClick={() => setAsking(true)} disabled={signOut.isPending}>
          退出所有设备
        </Button>
      </div>
      <ConfirmDialog
        open={asking}
        title="退出所有设备"
        confirmLabel="全部退出"
        danger
        pending={signOut.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={() => signOut.mutate()}
      >
        确定要在所有设备上退出登录吗？退出后需要重新登录。
      </ConfirmDialog>
    </Card>
  );
}

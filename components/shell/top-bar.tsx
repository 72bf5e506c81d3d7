'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/trpc';
import { UnreadBadge } from './unread-badge';

export function TopBar({ email, sandbox }: { email: string; sandbox: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        router.push('/login');
        router.refresh();
      },
    }),
  );
  return (
    <header className="flex h-12 items-center justify-between bg-[#1f2329] px-5 text-white">
      <Link href="/" className="flex items-center gap-2 text-[15px] font-semibold">
        <span className="inline-block h-5 w-5 bg-brand" aria-hidden />
        图像分析控制台
        {sandbox ? <span className="ml-2 border border-warn px-1.5 text-xs font-normal text-warn">沙箱环境</span> : null}
      </Link>
      <div className="flex items-center gap-5 text-sm">
        <UnreadBadge />
        <span data-testid="account-email" className="text-white/80">
          {email}
        </span>
        <button type="button" className="text-white/80 hover:text-white" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          退出登录
        </button>
      </div>
    </header>
  );
}

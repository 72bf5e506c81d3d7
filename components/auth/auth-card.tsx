import Link from 'next/link';
import type { ReactNode } from 'react';

export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-12 items-center bg-[#1f2329] px-5 text-[15px] font-semibold text-white">
        <Link href="/login" className="flex items-center gap-2">
          <span className="inline-block h-5 w-5 bg-brand" aria-hidden />
          图像分析控制台
        </Link>
      </header>
      <div className="flex flex-1 items-start justify-center pt-24">
        <div className="w-[400px] border border-line bg-white px-8 py-8 shadow-sm">
          <h1 className="mb-6 text-xl font-semibold">{title}</h1>
          {children}
          <div className="mt-6 text-sm text-muted">{footer}</div>
        </div>
      </div>
    </div>
  );
}

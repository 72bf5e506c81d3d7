import type { ReactNode } from 'react';

export function PageHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div className="flex h-14 items-center justify-between border-b border-line bg-white px-6">
      <h1 className="text-base font-semibold">{title}</h1>
      {extra}
    </div>
  );
}

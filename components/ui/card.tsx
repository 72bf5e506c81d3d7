import type { ReactNode } from 'react';

export function Card({ title, extra, children, className = '' }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`border border-line bg-white ${className}`}>
      {title ? (
        <header className="flex items-center justify-between border-b border-line px-5 py-3">
          <h2 className="text-[15px] font-semibold">{title}</h2>
          {extra}
        </header>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

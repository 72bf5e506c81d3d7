import type { ReactNode } from 'react';

const TONES = {
  error: 'border-danger/40 bg-danger/5 text-danger',
  info: 'border-brand/30 bg-brand/5 text-ink',
  warn: 'border-warn/40 bg-warn/5 text-ink',
  success: 'border-success/40 bg-success/5 text-ink',
} as const;

export function Alert({ tone = 'info', children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`border px-4 py-2 text-sm ${TONES[tone]}`}>
      {children}
    </div>
  );
}

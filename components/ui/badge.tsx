import type { ReactNode } from 'react';

const TONES = {
  success: 'bg-success/10 text-success',
  danger: 'bg-danger/10 text-danger',
  warn: 'bg-warn/10 text-warn',
  info: 'bg-brand/10 text-brand',
  muted: 'bg-page text-muted',
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = 'muted', children, testId }: { tone?: BadgeTone; children: ReactNode; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-block px-2 py-0.5 text-xs whitespace-nowrap ${TONES[tone]}`}>
      {children}
    </span>
  );
}

import type { ReactNode } from 'react';

export function Stat({ label, value, testId, tone }: { label: string; value: ReactNode; testId?: string; tone?: 'danger' }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs text-muted">{label}</span>
      <span data-testid={testId} className={`tabular text-2xl font-semibold ${tone === 'danger' ? 'text-danger' : ''}`}>
        {value}
      </span>
    </div>
  );
}

'use client';

export function Tabs<K extends string>({ tabs, value, onChange }: { tabs: { key: K; label: string }[]; value: K; onChange: (key: K) => void }) {
  return (
    <div role="tablist" className="flex gap-6 border-b border-line">
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          aria-selected={value === t.key}
          onClick={() => onChange(t.key)}
          className={`-mb-px border-b-2 py-2.5 text-sm ${value === t.key ? 'border-brand font-medium text-brand' : 'border-transparent text-ink hover:text-brand'}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

'use client';

import { useId } from 'react';

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** A second line under the label (e.g. the price); not part of the accessible name. */
  hint?: string;
}

/** A radio group drawn as bordered cards, as cloud consoles show purchase options. */
export function ChoiceCards<V extends string>({
  label,
  choices,
  value,
  onChange,
}: {
  label: string;
  choices: Choice<V>[];
  value: V;
  onChange: (value: V) => void;
}) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-wrap gap-2">
      {choices.map((c) => {
        const selected = c.value === value;
        const hintId = `${name}-${c.value}-hint`;
        return (
          <label
            key={c.value}
            className={`relative flex min-w-28 cursor-pointer flex-col items-center justify-center border px-4 py-2 text-sm has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-brand ${
              selected ? 'border-brand bg-brand/5 text-brand' : 'border-line bg-white text-ink hover:border-brand'
            }`}
          >
            <input
              type="radio"
              className="absolute inset-0 z-10 cursor-pointer opacity-0"
              name={name}
              value={c.value}
              checked={selected}
              aria-label={c.label}
              aria-describedby={c.hint ? hintId : undefined}
              onChange={() => onChange(c.value)}
            />
            <span>{c.label}</span>
            {c.hint ? (
              <span id={hintId} className={`tabular text-xs ${selected ? 'text-brand' : 'text-muted'}`}>
                {c.hint}
              </span>
            ) : null}
          </label>
        );
      })}
    </div>
  );
}

import { useId, type InputHTMLAttributes } from 'react';
import { Labelled } from './labelled';

export function TextField({
  label,
  error,
  hint,
  className,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  return (
    <Labelled id={id} label={label} className={className}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`h-9 border bg-white px-3 text-sm outline-none focus:border-brand ${error ? 'border-danger' : 'border-line'}`}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-danger">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-muted">{hint}</p>
      ) : null}
    </Labelled>
  );
}

import { useId, type SelectHTMLAttributes } from 'react';

export function SelectField({
  label,
  options,
  className = '',
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm text-muted">
        {label}
      </label>
      <select id={id} className="h-9 border border-line bg-white px-2 text-sm outline-none focus:border-brand" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

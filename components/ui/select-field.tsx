import { useId, type SelectHTMLAttributes } from 'react';
import { Labelled } from './labelled';

export function SelectField({
  label,
  options,
  className,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <Labelled id={id} label={label} className={className}>
      <select id={id} className="h-9 border border-line bg-white px-2 text-sm outline-none focus:border-brand" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

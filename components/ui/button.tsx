import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'default' | 'danger' | 'link';

const VARIANTS: Record<Variant, string> = {
  primary: 'px-4 bg-brand text-white hover:bg-brand-dark disabled:bg-brand/50',
  default: 'px-4 border border-line bg-white text-ink hover:border-brand hover:text-brand disabled:text-muted',
  danger: 'px-4 bg-danger text-white hover:opacity-90 disabled:opacity-50',
  link: 'text-brand hover:underline disabled:text-muted',
};

export function Button({
  variant = 'default',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      className={`inline-flex h-8 items-center justify-center gap-1 text-sm transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

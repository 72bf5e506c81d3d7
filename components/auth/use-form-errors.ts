import { useState } from 'react';
import type { z } from 'zod';

/** Validates with the same zod schema the server uses and keeps the first error per field. */
export function useFormErrors<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  function validate(values: unknown): z.infer<S> | null {
    const parsed = schema.safeParse(values);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    const next: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      next[key] ??= issue.message;
    }
    setErrors(next);
    return null;
  }
  return { errors, validate };
}

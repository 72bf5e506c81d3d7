import { z } from 'zod';

export const okOutput = z.object({ ok: z.literal(true) });

export const meOutput = z.object({ email: z.string(), isOperator: z.boolean() });

import { z } from 'zod';

export const okOutput = z.object({ ok: z.literal(true) });

export const meOutput = z.object({ email: z.string(), isOperator: z.boolean() });

/** How many sessions 退出所有设备 ended (this one included). */
export const endedSessionsOutput = z.object({ ended: z.number().int() });

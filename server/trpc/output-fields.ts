import { z } from 'zod';

// The field kinds procedures send, so every output schema says the same thing the same way.
// Money is integer fen and times are epoch ms (as the database keeps them); exact amounts
// are decimal strings.

export const fen = z.number().int();
export const epochMs = z.number().int();
export const calls = z.number().int().nonnegative();
export const idResult = z.object({ id: z.number().int() });

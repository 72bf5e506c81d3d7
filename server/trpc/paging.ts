import { z } from 'zod';

/** The one paging input every list procedure takes. */
export const pageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

import { z } from 'zod';
import { calls, epochMs } from '../output-fields';

// 请求日志: pages of the account's API requests, the CSV export, a key's recent calls.

export const requestLogRow = z.object({
  requestId: z.string(),
  at: epochMs,
  action: z.string().nullable(),
  secretId: z.string().nullable(),
  /** 'OK' or the error code answered. */
  outcome: z.string(),
  calls,
  /** Null for a call metered before 请求日志 existed. */
  latencyMs: z.number().nonnegative().nullable(),
});

export const requestLogPageOutput = z.object({ rows: z.array(requestLogRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const requestLogRowsOutput = z.array(requestLogRow);
export const requestLogFiltersOutput = z.object({ secretIds: z.array(z.string()), errorCodes: z.array(z.string()) });

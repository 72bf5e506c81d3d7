import { z } from 'zod';
import { listApiKeys } from '@/server/api-keys/keys';
import { keyRecentCalls, requestLogErrorCodes, requestLogExport, requestLogPage } from '@/server/queries/requests';
import { protectedProcedure, router } from '../init';
import { requestLogFiltersOutput, requestLogPageOutput, requestLogRowsOutput } from './requests.types';

const filter = z.object({
  /** Any action name: the log also keeps requests for actions that do not exist. */
  action: z.string().max(64).optional(),
  secretId: z.string().max(64).optional(),
  /** 'OK', 'ERROR' (every failure) or one error code. */
  result: z.string().max(64).optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
});

export const requestsRouter = router({
  list: protectedProcedure
    .input(filter.extend({ page: z.number().int().positive().default(1), pageSize: z.number().int().positive().max(100).default(20) }))
    .output(requestLogPageOutput)
    .query(async ({ ctx, input: { page, pageSize, ...f } }) => requestLogPage(ctx.db, ctx.accountId, await ctx.now(), f, { page, pageSize })),
  export: protectedProcedure
    .input(filter)
    .output(requestLogRowsOutput)
    .query(async ({ ctx, input }) => requestLogExport(ctx.db, ctx.accountId, await ctx.now(), input)),
  /** What the key and result selects offer: the account's keys and the error codes it got. */
  filters: protectedProcedure.output(requestLogFiltersOutput).query(async ({ ctx }) => {
    const [keys, errorCodes] = await Promise.all([listApiKeys(ctx.db, ctx.accountId), requestLogErrorCodes(ctx.db, ctx.accountId, await ctx.now())]);
    return { secretIds: keys.map((k) => k.secretId), errorCodes };
  }),
  /** API 密钥's 访问记录: the key's last 20 calls. */
  byKey: protectedProcedure
    .input(z.object({ id: z.number().int().positive('密钥不存在') }))
    .output(requestLogRowsOutput)
    .query(async ({ ctx, input }) => keyRecentCalls(ctx.db, ctx.accountId, input.id, await ctx.now())),
});

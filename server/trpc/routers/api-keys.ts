import { z } from 'zod';
import { sdkEndpoint } from '@/server/api-keys/endpoint';
import { createApiKey, deleteApiKey, listApiKeys, setApiKeyStatus } from '@/server/api-keys/keys';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { protectedProcedure, router } from '../init';
import { apiKeyListOutput, apiKeyOutput, newApiKeyOutput, removedKeyOutput } from './api-keys.types';

const keyId = z.object({ id: z.number({ error: '密钥不存在' }).int().positive('密钥不存在') });

export const apiKeysRouter = router({
  /** The account's keys (never a SecretKey) and where the SDK example should point. */
  list: protectedProcedure
    .output(apiKeyListOutput)
    .query(async ({ ctx }) => ({ keys: await listApiKeys(ctx.db, ctx.accountId), ...sdkEndpoint() })),
  /** The answer is the only time the SecretKey is ever shown. */
  create: protectedProcedure
    .output(newApiKeyOutput)
    .mutation(async ({ ctx }) => createApiKey(ctx.db, { accountId: ctx.accountId, box: serverSecretBox(), now: await ctx.now() })),
  setStatus: protectedProcedure
    .input(keyId.extend({ status: z.enum(['enabled', 'disabled']) }))
    .output(apiKeyOutput)
    .mutation(({ ctx, input }) => setApiKeyStatus(ctx.db, { accountId: ctx.accountId, id: input.id, status: input.status })),
  remove: protectedProcedure
    .input(keyId)
    .output(removedKeyOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteApiKey(ctx.db, { accountId: ctx.accountId, id: input.id });
      return { id: input.id };
    }),
});

import { z } from 'zod';
import { sdkEndpoint } from '@/server/api-keys/endpoint';
import { createApiKey, deleteApiKey, listApiKeys, setApiKeyStatus } from '@/server/api-keys/keys';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { protectedProcedure, router } from '../init';

const keyId = z.object({ id: z.number({ error: '密钥不存在' }).int().positive('密钥不存在') });

export const apiKeysRouter = router({
  /** The account's keys (never a SecretKey) and where the SDK example should point. */
  list: protectedProcedure.query(({ ctx }) => ({ keys: listApiKeys(ctx.db, ctx.accountId), ...sdkEndpoint() })),
  /** The answer is the only time the SecretKey is ever shown. */
  create: protectedProcedure.mutation(({ ctx }) => createApiKey(ctx.db, { accountId: ctx.accountId, box: serverSecretBox(), now: ctx.now() })),
  setStatus: protectedProcedure
    .input(keyId.extend({ status: z.enum(['enabled', 'disabled']) }))
    .mutation(({ ctx, input }) => setApiKeyStatus(ctx.db, { accountId: ctx.accountId, id: input.id, status: input.status })),
  remove: protectedProcedure.input(keyId).mutation(({ ctx, input }) => {
    deleteApiKey(ctx.db, { accountId: ctx.accountId, id: input.id });
    return { id: input.id };
  }),
});

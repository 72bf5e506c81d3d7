import { z } from 'zod';
import { ITEM_LIST } from '@/lib/catalog';
import { apiPublicUrl } from '@/server/api-keys/endpoint';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { sendExplorerCall } from '@/server/explorer/send';
import { protectedProcedure, router } from '../init';
import { explorerSendOutput } from './explorer.types';

const ACTIONS = [...new Set(ITEM_LIST.map((i) => i.action))] as [string, ...string[]];

export const explorerRouter = router({
  /** Signed with the chosen key of this account and sent to the real API server: metered like any call. */
  send: protectedProcedure
    .input(z.object({ keyId: z.number().int().positive('请选择密钥'), action: z.enum(ACTIONS, '不支持的接口'), params: z.record(z.string(), z.unknown()) }))
    .output(explorerSendOutput)
    .mutation(({ ctx, input }) => sendExplorerCall(ctx.db, serverSecretBox(), apiPublicUrl(), { accountId: ctx.accountId, ...input })),
});

import { z } from 'zod';
import { apiKeys } from '@/db/schema';
import { epochMs, idResult } from '../output-fields';

// What API 密钥管理 shows: never a stored (encrypted) SecretKey; a new key's SecretKey once.

export const apiKeyOutput = z.object({
  id: z.number().int(),
  secretId: z.string(),
  status: z.enum(apiKeys.status.enumValues),
  createdAt: epochMs,
  lastUsedAt: epochMs.nullable(),
});

export const apiKeyListOutput = z.object({ keys: z.array(apiKeyOutput), endpoint: z.string(), protocol: z.string() });

export const newApiKeyOutput = z.object({ key: apiKeyOutput, secretKey: z.string() });

export const removedKeyOutput = idResult;

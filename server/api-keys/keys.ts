import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { apiKeys } from '@/db/schema';
import { newSecretId, newSecretKey } from './credentials';
import { ApiKeyError } from './errors';
import type { SecretBox } from './secret-box';

export const MAX_KEYS_PER_ACCOUNT = 2;

export type ApiKeyStatus = (typeof apiKeys.$inferSelect)['status'];

/** What the console lists: never the SecretKey. */
export interface ApiKeyView {
  id: number;
  secretId: string;
  status: ApiKeyStatus;
  createdAt: number;
  lastUsedAt: number | null;
}

const VIEW = {
  id: apiKeys.id,
  secretId: apiKeys.secretId,
  status: apiKeys.status,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

export async function listApiKeys(db: Db, accountId: number): Promise<ApiKeyView[]> {
  return db.select(VIEW).from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Creates a key; the SecretKey in the answer is the only time it is ever shown. */
export async function createApiKey(db: Db, input: { accountId: number; box: SecretBox; now: number }): Promise<{ key: ApiKeyView; secretKey: string }> {
  const secretId = newSecretId();
  const secretKey = newSecretKey();
  const key = await transaction(db, async (tx) => {
    // The count decides the insert: the account's row lock makes two creations at once
    // count one after the other, so the limit of 2 holds on PostgreSQL too.
    await lockAccounts(tx, [input.accountId]);
    const [{ n }] = await tx.select({ n: count() }).from(apiKeys).where(eq(apiKeys.accountId, input.accountId));
    if (n >= MAX_KEYS_PER_ACCOUNT) throw new ApiKeyError('LimitReached', `每个账号最多创建 ${MAX_KEYS_PER_ACCOUNT} 个密钥`);
    const [row] = await tx
      .insert(apiKeys)
      .values({ accountId: input.accountId, secretId, secretKeyEnc: input.box.seal(secretKey, secretId), status: 'enabled', createdAt: input.now })
      .returning(VIEW);
    return row;
  });
  return { key, secretKey };
}

function ownKey(accountId: number, id: number) {
  return and(eq(apiKeys.id, id), eq(apiKeys.accountId, accountId));
}

const notFound = () => new ApiKeyError('NotFound', '密钥不存在');

export async function setApiKeyStatus(db: Db, input: { accountId: number; id: number; status: ApiKeyStatus }): Promise<ApiKeyView> {
  const [key] = await transaction(db, (tx) => tx.update(apiKeys).set({ status: input.status }).where(ownKey(input.accountId, input.id)).returning(VIEW));
  if (!key) throw notFound();
  return key;
}

export async function deleteApiKey(db: Db, input: { accountId: number; id: number }): Promise<void> {
  const deleted = await transaction(db, async (tx) => affectedRows(await tx.delete(apiKeys).where(ownKey(input.accountId, input.id))));
  if (deleted === 0) throw notFound();
}

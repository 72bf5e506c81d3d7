import { and, asc, count, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
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

export function listApiKeys(db: DB, accountId: number): ApiKeyView[] {
  return db.select(VIEW).from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).all();
}

/** Creates a key; the SecretKey in the answer is the only time it is ever shown. */
export function createApiKey(db: DB, input: { accountId: number; box: SecretBox; now: number }): { key: ApiKeyView; secretKey: string } {
  const secretId = newSecretId();
  const secretKey = newSecretKey();
  const key = db.transaction(
    (tx) => {
      const [{ n }] = tx.select({ n: count() }).from(apiKeys).where(eq(apiKeys.accountId, input.accountId)).all();
      if (n >= MAX_KEYS_PER_ACCOUNT) throw new ApiKeyError('LimitReached', `每个账号最多创建 ${MAX_KEYS_PER_ACCOUNT} 个密钥`);
      return tx
        .insert(apiKeys)
        .values({ accountId: input.accountId, secretId, secretKeyEnc: input.box.seal(secretKey, secretId), status: 'enabled', createdAt: input.now })
        .returning(VIEW)
        .get();
    },
    { behavior: 'immediate' },
  );
  return { key, secretKey };
}

function ownKey(accountId: number, id: number) {
  return and(eq(apiKeys.id, id), eq(apiKeys.accountId, accountId));
}

const notFound = () => new ApiKeyError('NotFound', '密钥不存在');

export function setApiKeyStatus(db: DB, input: { accountId: number; id: number; status: ApiKeyStatus }): ApiKeyView {
  const key = db.update(apiKeys).set({ status: input.status }).where(ownKey(input.accountId, input.id)).returning(VIEW).get();
  if (!key) throw notFound();
  return key;
}

export function deleteApiKey(db: DB, input: { accountId: number; id: number }): void {
  if (db.delete(apiKeys).where(ownKey(input.accountId, input.id)).run().changes === 0) throw notFound();
}

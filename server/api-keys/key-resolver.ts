import { eq, sql } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { apiKeys } from '@/db/schema';
import type { SecretBox } from './secret-box';

/** An enabled key as the gateway needs it to verify a signature. */
export interface ResolvedKey {
  id: number;
  accountId: number;
  secretId: string;
  secretKey: string;
}

export interface KeyResolver {
  /** The enabled key with this SecretId; null when unknown, disabled or deleted. */
  resolve(secretId: string): ResolvedKey | null;
  /** Records a use; writes last_used_at at most once per `touchEveryMs` per key. */
  markUsed(key: ResolvedKey, at: number): void;
}

export interface KeyResolverOptions {
  /** How long a lookup is trusted: a disable or delete takes effect within this time. */
  ttlMs?: number;
  touchEveryMs?: number;
  /** Cache entries kept before the cache is emptied (bounds memory under random SecretIds). */
  maxEntries?: number;
  wall?: () => number;
}

export function createKeyResolver(db: DB, box: SecretBox, opts: KeyResolverOptions = {}): KeyResolver {
  const { ttlMs = 500, touchEveryMs = 60_000, maxEntries = 10_000, wall = Date.now } = opts;
  const cache = new Map<string, { key: ResolvedKey | null; readAt: number }>();
  const lastTouched = new Map<number, number>();
  const bySecretId = db
    .select({ id: apiKeys.id, accountId: apiKeys.accountId, secretKeyEnc: apiKeys.secretKeyEnc, status: apiKeys.status })
    .from(apiKeys)
    .where(eq(apiKeys.secretId, sql.placeholder('secretId')))
    .prepare();

  function load(secretId: string): ResolvedKey | null {
    const row = bySecretId.get({ secretId });
    if (!row || row.status !== 'enabled') return null;
    return { id: row.id, accountId: row.accountId, secretId, secretKey: box.open(row.secretKeyEnc, secretId) };
  }

  return {
    resolve(secretId) {
      const now = wall();
      const hit = cache.get(secretId);
      if (hit && now - hit.readAt < ttlMs) return hit.key;
      if (cache.size >= maxEntries) cache.clear();
      const key = load(secretId);
      cache.set(secretId, { key, readAt: now });
      return key;
    },
    markUsed(key, at) {
      const last = lastTouched.get(key.id);
      if (last !== undefined && at - last < touchEveryMs) return;
      lastTouched.set(key.id, at);
      db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, key.id)).run();
    },
  };
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { apiKeys } from '@/db/schema';
import { snapshotCache } from '@/server/gateway/snapshot-cache';
import type { SecretBox } from './secret-box';

/** An enabled key as the gateway needs it to verify a signature. */
export interface ResolvedKey {
  id: number;
  accountId: number;
  secretId: string;
  secretKey: string;
}

export interface KeyResolver {
  /** The enabled key with this SecretId; null when unknown, disabled or deleted (as of the last refresh). */
  resolve(secretId: string): ResolvedKey | null | Promise<ResolvedKey | null>;
  /** Records a use in memory; `refresh` writes last_used_at, at most once per `touchEveryMs` per key. */
  markUsed(key: ResolvedKey, at: number): void;
  /** Re-reads every key seen so far and writes the uses recorded since the last refresh. */
  refresh(): Promise<void>;
}

export interface KeyResolverOptions {
  touchEveryMs?: number;
  /** Cache entries kept before the cache is emptied (bounds memory under random SecretIds). */
  maxEntries?: number;
}

export function createKeyResolver(db: Db, box: SecretBox, opts: KeyResolverOptions = {}): KeyResolver {
  const { touchEveryMs = 60_000, maxEntries = 10_000 } = opts;
  const lastTouched = new Map<number, number>();
  let touches = new Map<number, number>();

  const keys = snapshotCache<string, ResolvedKey | null>(
    async (secretIds) => {
      const rows = await db
        .select({ id: apiKeys.id, accountId: apiKeys.accountId, secretId: apiKeys.secretId, secretKeyEnc: apiKeys.secretKeyEnc })
        .from(apiKeys)
        .where(and(inArray(apiKeys.secretId, secretIds), eq(apiKeys.status, 'enabled')));
      const found = new Map<string, ResolvedKey | null>();
      for (const row of rows) {
        found.set(row.secretId, { id: row.id, accountId: row.accountId, secretId: row.secretId, secretKey: box.open(row.secretKeyEnc, row.secretId) });
      }
      return found;
    },
    null,
    maxEntries,
  );

  async function writeTouches() {
    if (touches.size === 0) return;
    const batch = touches;
    touches = new Map();
    await transaction(db, async (tx) => {
      for (const [id, at] of batch) await tx.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    });
  }

  return {
    resolve: (secretId) => keys.get(secretId),
    markUsed(key, at) {
      const last = lastTouched.get(key.id);
      if (last !== undefined && at - last < touchEveryMs) return;
      lastTouched.set(key.id, at);
      touches.set(key.id, at);
    },
    async refresh() {
      await Promise.all([keys.refresh(), writeTouches()]);
    },
  };
}

import path from 'node:path';
import { migrateDb, openDb, type Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { accounts, users } from '@/db/schema';
import { STORE } from '@/db/store';
import { openTestDb, testDbUrl, testTempDir } from '@/db/testing';
import { createApiKey } from '@/server/api-keys/keys';
import { secretBox } from '@/server/api-keys/secret-box';
import { serverKeyFromEnv } from '@/server/api-keys/server-key';
import { activateAccount } from '@/server/billing';
import { initClock } from '@/server/clock/app-clock';
import type { Credentials } from '@/server/gateway/client-signer';

/**
 * A database of its own with one activated customer and one key: a temp SQLite file (WAL
 * and synchronous FULL, as in production), or a fresh database on the PostgreSQL server
 * DATABASE_URL names.
 */
export interface ApiFixture {
  dir: string;
  env: NodeJS.ProcessEnv;
  db: Db;
  accountId: number;
  creds: Credentials;
}

/** A fresh migrated database for a benchmark, and the DATABASE_URL that names it for its servers. */
export async function openBenchDb(dir: string): Promise<{ db: Db; url: string }> {
  if (STORE === 'pg') {
    const db = await openTestDb();
    return { db, url: testDbUrl(db) };
  }
  const url = path.join(dir, 'console.db');
  const db = openDb(url);
  await migrateDb(db);
  return { db, url };
}

export async function createApiFixture(opts: { qpsLimit?: number; port: number }): Promise<ApiFixture> {
  // A test's is removed after its file (closeTestDbs); a benchmark removes its own.
  const dir = testTempDir('iac-api-bench-');
  const { db, url } = await openBenchDb(dir);
  const env = {
    ...process.env,
    DATABASE_URL: url,
    APP_SECRET: 'bench-only-secret',
    API_PORT: String(opts.port),
    HOST: '127.0.0.1',
    SANDBOX_CLOCK: '1',
  };
  const { now } = await initClock(db, { sandbox: true });
  const accountId = await transaction(db, async (tx) => {
    const [user] = await tx.insert(users).values({ email: 'bench@example.com', passwordHash: 'not-used', createdAt: now }).returning({ id: users.id });
    const [account] = await tx.insert(accounts).values({ userId: user.id, createdAt: now, qpsLimit: opts.qpsLimit ?? null }).returning({ id: accounts.id });
    return account.id;
  });
  await activateAccount(db, accountId, now);
  const { key, secretKey } = await createApiKey(db, { accountId, box: secretBox(serverKeyFromEnv(env)), now });
  return { dir, env, db, accountId, creds: { secretId: key.secretId, secretKey } };
}

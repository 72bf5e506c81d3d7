import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDb, openDb, type DB } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { createApiKey } from '@/server/api-keys/keys';
import { secretBox } from '@/server/api-keys/secret-box';
import { serverKeyFromEnv } from '@/server/api-keys/server-key';
import { activateAccount } from '@/server/billing';
import { initClock, readClock } from '@/server/clock/app-clock';
import { eq } from 'drizzle-orm';
import type { Credentials } from '@/server/gateway/client-signer';

/** A temp-file database (WAL, as in production) with one activated customer and one key. */
export interface ApiFixture {
  dir: string;
  env: NodeJS.ProcessEnv;
  db: DB;
  accountId: number;
  creds: Credentials;
}

export function createApiFixture(opts: { qpsLimit?: number; port: number }): ApiFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-api-bench-'));
  const env = {
    ...process.env,
    DATABASE_URL: path.join(dir, 'console.db'),
    APP_SECRET: 'bench-only-secret',
    API_PORT: String(opts.port),
    HOST: '127.0.0.1',
    SANDBOX_CLOCK: '1',
  };
  const db = openDb(env.DATABASE_URL);
  migrateDb(db);
  initClock(db, { sandbox: true });
  const now = readClock(db).now;
  const user = db.insert(users).values({ email: 'bench@example.com', passwordHash: 'not-used', createdAt: now }).returning().get();
  const account = db.insert(accounts).values({ userId: user.id, createdAt: now }).returning().get();
  activateAccount(db, account.id, now);
  if (opts.qpsLimit) db.update(accounts).set({ qpsLimit: opts.qpsLimit }).where(eq(accounts.id, account.id)).run();
  const { key, secretKey } = createApiKey(db, { accountId: account.id, box: secretBox(serverKeyFromEnv(env)), now });
  return { dir, env, db, accountId: account.id, creds: { secretId: key.secretId, secretKey } };
}

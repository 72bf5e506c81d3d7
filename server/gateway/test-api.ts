import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { createKeyResolver } from '@/server/api-keys/key-resolver';
import { createApiKey } from '@/server/api-keys/keys';
import { secretBox } from '@/server/api-keys/secret-box';
import { activateAccount } from '@/server/billing';
import { initClock, readClock } from '@/server/clock/app-clock';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { createGateway, type GatewayOptions } from './gateway';
import { createApiServer } from './http-server';
import type { RequestLogLine } from './request-log';

// An API server on a free loopback port with a private throwaway database (on the store
// DATABASE_URL chose), for the integration and fuzz tests.

export interface TestCustomer {
  accountId: number;
  keyId: number;
  secretId: string;
  secretKey: string;
}

export interface TestApi {
  db: Db;
  port: number;
  endpoint: string;
  log: RequestLogLine[];
  customer(opts?: { activated?: boolean }): Promise<TestCustomer>;
  /** Lets the gateway see changes made to the database now, instead of at its next background refresh. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApi(opts: { clockStart?: string; gateway?: GatewayOptions } = {}): Promise<TestApi> {
  const db = await openTestDb();
  await initClock(db, { sandbox: true, start: at(opts.clockStart ?? '2019-12-05T10:00:00+08:00') });
  const box = secretBox(randomBytes(32));
  const log: RequestLogLine[] = [];
  const gateway = await createGateway(db, { env: {}, keys: createKeyResolver(db, box), log: (line) => log.push(line), ...opts.gateway });
  const server = createApiServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    db,
    port,
    endpoint: `127.0.0.1:${port}`,
    log,
    async customer({ activated = true } = {}) {
      const { now } = await readClock(db);
      const account = await createTestAccount(db, { now });
      if (activated) await activateAccount(db, account.id, now);
      const { key, secretKey } = await createApiKey(db, { accountId: account.id, box, now });
      return { accountId: account.id, keyId: key.id, secretId: key.secretId, secretKey };
    },
    refresh: () => gateway.refresh(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.stop();
    },
  };
}

/** How the Node SDK is to call: request method, signature method, language of errors. */
export interface SdkProfile {
  reqMethod?: 'POST' | 'GET';
  signMethod?: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1';
  language?: 'zh-CN' | 'en-US';
}

/** What the official SDK's clients take to call the test server as a customer. */
export function sdkConfig(api: Pick<TestApi, 'endpoint'>, c: Pick<TestCustomer, 'secretId' | 'secretKey'>, reqTimeout = 10, profile: SdkProfile = {}) {
  const { reqMethod, ...rest } = profile;
  return {
    credential: { secretId: c.secretId, secretKey: c.secretKey },
    region: 'ap-guangzhou',
    profile: { ...rest, httpProfile: { endpoint: api.endpoint, protocol: 'http://', reqTimeout, ...(reqMethod ? { reqMethod } : {}) } },
  };
}

/** The Tencent error an SDK call failed with: its code (or 'no error') and message. */
export async function sdkError(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    return { code: code ?? `no code: ${message}`, message };
  }
  return { code: 'no error', message: '' };
}

/** The Tencent error code an SDK call failed with, or 'no error'. */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  return (await sdkError(call)).code;
}

import { openDb, type DB } from '@/db/client';
import { createKeyResolver, type KeyResolver } from '@/server/api-keys/key-resolver';
import type { SecretBox } from '@/server/api-keys/secret-box';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { cachedClock } from '@/server/clock/app-clock';
import { cachedGallery, type GalleryProvider } from '@/server/gallery/matcher';
import { accountGateReader, type AccountGate } from './account-gate';
import { createImageFetcher, type ImageFetcher } from './fetch-image';
import { MAX_IMAGE_BYTES } from './image-input';
import { couldMeter, createMeter, type Meter, type MeterCheck } from './metering';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { createRequestLog, type RequestLog } from './request-log';
import { reuseStatements } from './statement-cache';
import { defaultQpsFromEnv } from './qps-limit';

/** Everything the request path depends on; tests and the bench swap single parts. */
export interface Gateway {
  keys: KeyResolver;
  accountGate(accountId: number): AccountGate | undefined;
  /** false when the account is in arrears and the calls would be charged postpaid. */
  canMeter: MeterCheck;
  meter: Meter;
  limiter: RateLimiter;
  defaultQps: number;
  fetchImage: ImageFetcher;
  /** The 人物库 faces DetectCelebrity and POLITICS match against. */
  gallery: GalleryProvider;
  /** App clock: decides the billing month of a call. */
  appNow(): number;
  /** Wall clock: the signature window. */
  wallNow(): number;
  log: RequestLog;
}

export const IMAGE_URL_TIMEOUT_MS = 3_000;

/** The API server's own connection (opened after migrations ran), with statement reuse. */
export function openApiDb(file?: string): DB {
  const db = openDb(file);
  reuseStatements(db.$client);
  return db;
}

export interface GatewayOptions extends Partial<Gateway> {
  env?: Record<string, string | undefined>;
  /** The SecretKey cipher; by default the process's own (APP_SECRET or the data folder key). */
  box?: SecretBox;
}

export function createGateway(db: DB, { env = process.env, box, ...overrides }: GatewayOptions = {}): Gateway {
  return {
    keys: overrides.keys ?? createKeyResolver(db, box ?? serverSecretBox()),
    accountGate: accountGateReader(db),
    canMeter: (input) => couldMeter(db, input),
    meter: overrides.meter ?? createMeter(db),
    limiter: createRateLimiter(),
    defaultQps: defaultQpsFromEnv(env),
    fetchImage: createImageFetcher({ timeoutMs: IMAGE_URL_TIMEOUT_MS, maxBytes: MAX_IMAGE_BYTES, allowPrivate: env.ALLOW_PRIVATE_IMAGE_URLS === '1' }),
    gallery: cachedGallery(db),
    appNow: cachedClock(db),
    wallNow: Date.now,
    log: createRequestLog(),
    ...overrides,
  };
}

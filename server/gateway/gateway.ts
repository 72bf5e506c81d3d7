import type { Db } from '@/db/client';
import { createKeyResolver, type KeyResolver } from '@/server/api-keys/key-resolver';
import type { SecretBox } from '@/server/api-keys/secret-box';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { refreshingClock } from '@/server/clock/app-clock';
import { repeatEvery } from '@/server/clock/repeat';
import { refreshingGallery, type GalleryProvider } from '@/server/gallery/matcher';
import { accountGates, type AccountGate } from './account-gate';
import { createImageFetcher, type ImageFetcher } from './fetch-image';
import { MAX_IMAGE_BYTES } from './image-input';
import { createJournalMeter, NO_JOURNAL } from './journal-meter';
import { couldMeter, createMeter, type Meter, type MeterCheck } from './metering';
import { positiveInteger } from '@/server/sizing';
import { createQpsLimiter } from './limits/fleet-limiter';
import type { QpsLimiter } from './rate-limiter';
import { createRequestLog, type RequestLog } from './request-log';
import { defaultQpsFromEnv } from './qps-limit';

/** Everything the request path depends on; tests and the bench swap single parts. */
export interface Gateway {
  keys: KeyResolver;
  accountGate(accountId: number): AccountGate | undefined | Promise<AccountGate | undefined>;
  /** false when the account is in arrears and the calls would be charged postpaid. */
  canMeter: MeterCheck;
  meter: Meter;
  /** The per-account, per-action QPS windows: this process's, the host's or the fleet's (limits/fleet-limiter.ts). */
  limiter: QpsLimiter;
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

/** How long an answered call may wait in the metering journal by default (METER_JOURNAL_MS). */
export const METER_JOURNAL_MS = 200;

/**
 * With METER_JOURNAL_DIR (scripts/serve-backend.ts sets its default), answered calls are
 * journaled and metered every METER_JOURNAL_MS; without it, or with `none`, each turn's
 * calls are metered before they are answered.
 */
export function meterFromEnv(db: Db, env: Record<string, string | undefined>): { meter: Meter; stop?: () => Promise<void> } {
  const dir = env.METER_JOURNAL_DIR;
  if (!dir || dir === NO_JOURNAL) return { meter: createMeter(db) };
  const intervalMs = positiveInteger(env, 'METER_JOURNAL_MS') ?? METER_JOURNAL_MS;
  const journal = createJournalMeter(db, { dir, intervalMs, refusable: createMeter(db) });
  return { meter: journal.meter, stop: journal.stop };
}

/**
 * How often the gateway re-reads what it keeps in memory (keys, account gates, the app
 * clock, the gallery version): a key disabled, an account activated or out of arrears, a
 * clock jump or a gallery change reaches requests within this, well inside a second.
 */
export const REFRESH_MS = 400;

export interface GatewayOptions extends Partial<Gateway> {
  env?: Record<string, string | undefined>;
  /** The SecretKey cipher; by default the process's own (APP_SECRET or the data folder key). */
  box?: SecretBox;
}

export interface RunningGateway extends Gateway {
  /** Refreshes every cache now (what the background loop does every REFRESH_MS). */
  refresh(): Promise<void>;
  /** Stops the background refresh (waiting for one in progress) and closes the limiter's connections. */
  stop(): Promise<void>;
}

/**
 * The request path's dependencies with their caches loaded, and a background loop that
 * keeps them fresh, so a request waits on the database only to meter (and, the first time
 * a process sees a key or an account, to look it up).
 */
export async function createGateway(db: Db, { env = process.env, box, ...overrides }: GatewayOptions = {}): Promise<RunningGateway> {
  const keys = overrides.keys ?? createKeyResolver(db, box ?? serverSecretBox());
  const gates = accountGates(db);
  const [clock, gallery] = await Promise.all([refreshingClock(db), refreshingGallery(db)]);
  const refresh = async () => {
    await Promise.all([keys.refresh(), gates.refresh(), clock.refresh(), gallery.refresh()]);
  };
  const stopRefresh = repeatEvery(REFRESH_MS, refresh, (err) => console.error('[api] refreshing the caches failed, will retry', err));
  const limiter = overrides.limiter ?? createQpsLimiter(env);
  const log = overrides.log ?? createRequestLog(db, clock.now);
  const meter = overrides.meter ? { meter: overrides.meter } : meterFromEnv(db, env);
  const stop = async () => {
    await stopRefresh();
    await limiter.close?.();
    await log.flush?.();
    await meter.stop?.();
  };
  return {
    keys,
    accountGate: (accountId) => gates.get(accountId),
    canMeter: (input) => couldMeter(db, input),
    meter: meter.meter,
    limiter,
    defaultQps: defaultQpsFromEnv(env),
    fetchImage: createImageFetcher({ timeoutMs: IMAGE_URL_TIMEOUT_MS, maxBytes: MAX_IMAGE_BYTES, allowPrivate: env.ALLOW_PRIVATE_IMAGE_URLS === '1' }),
    gallery: gallery.faces,
    appNow: clock.now,
    wallNow: Date.now,
    log,
    ...overrides,
    refresh,
    stop,
  };
}

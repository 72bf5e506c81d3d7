import type { QpsLimiter } from '../rate-limiter';
import { KnownRefusals } from './known-refusals';
import { trackOutages, type OutageStatus } from './outage';
import type { Take } from './sliding-window';

export interface Call {
  key: string;
  limit: number;
}

/** Windows kept by another process: the cluster primary, or Redis for the fleet. */
export interface WindowStore {
  /** How the log lines name it. */
  name: string;
  /**
   * One Take per call, in order, in one round trip. Settles within the store's own
   * timeout: rejects when the store is down or slow, and a late answer is dropped.
   */
  take(calls: readonly Call[]): Promise<Take[]>;
  /** Resolves once the store answers (or gives up waiting), so a server can wait before listening. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

export interface RemoteLimiter extends QpsLimiter {
  ready(): Promise<void>;
  close(): Promise<void>;
  status(): OutageStatus;
}

export interface RemoteLimiterOptions {
  /** Decides when the store cannot: fail open, but to a bounded window (see docs/deployment.md). */
  fallback: QpsLimiter;
  /** How the log lines name the fallback. */
  fallbackName: string;
  log?: (line: string) => void;
  now?: () => number;
  /**
   * While the store is down, one call per probeMs still asks it (and may wait for its
   * timeout); every other call goes to the fallback at once, so a hung store costs one
   * timeout per probe, not one per request.
   */
  probeMs?: number;
}

export const PROBE_MS = 500;

interface Waiting extends Call {
  resolve(allowed: boolean | Promise<boolean>): void;
}

/**
 * A limiter over a remote WindowStore. Calls made in the same event-loop turn go out as
 * one batch (one IPC message, or one pipelined write to Redis) when the turn ends
 * (setImmediate runs after the poll phase has handled every socket that was ready), so
 * the round trips grow with turns, not with requests. Refusals the store already gave
 * are answered synchronously (KnownRefusals).
 */
export function remoteLimiter(store: WindowStore, { fallback, fallbackName, log = console.warn, now = () => performance.now(), probeMs = PROBE_MS }: RemoteLimiterOptions): RemoteLimiter {
  const refusals = new KnownRefusals();
  const outage = trackOutages(store.name, fallbackName, log);
  let queue: Waiting[] = [];
  let nextProbe = 0;

  function flush() {
    const batch = queue;
    queue = [];
    const sentAt = now();
    store.take(batch).then(
      (takes) => {
        outage.answered();
        batch.forEach((call, i) => {
          if (takes[i] > 0) refusals.remember(call.key, call.limit, sentAt, takes[i]);
          call.resolve(takes[i] === 0);
        });
      },
      (err: unknown) => {
        nextProbe = now() + probeMs;
        outage.failed(err instanceof Error ? err.message : String(err), batch.length);
        for (const call of batch) call.resolve(fallback.tryAcquire(call.key, call.limit));
      },
    );
  }

  return {
    tryAcquire(key, limit) {
      const at = now();
      if (refusals.refused(key, limit, at)) return false;
      if (outage.down()) {
        if (at < nextProbe) {
          outage.failed('down', 1);
          return fallback.tryAcquire(key, limit);
        }
        // This call is the probe; the others go on to the fallback until it is answered.
        nextProbe = at + probeMs;
      }
      return new Promise((resolve) => {
        if (queue.push({ key, limit, resolve }) === 1) setImmediate(flush);
      });
    },
    ready: () => store.ready?.() ?? Promise.resolve(),
    status: outage.status,
    close: async () => {
      await store.close?.();
      await fallback.close?.();
    },
  };
}

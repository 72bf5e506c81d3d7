import { SlidingWindows } from './limits/sliding-window';

/**
 * The per-account, per-action QPS limit: at most `perSecond` calls per key (account and
 * action) in any one-second span (limits/sliding-window.ts).
 *
 * A limiter answers synchronously when it can and with a promise only when it must ask
 * another process (the cluster primary, Redis). The request path therefore awaits only a
 * promise, so the in-process limiter, and a remote limiter's refusals it already knows,
 * cost no extra event-loop turn:
 *
 *     const acquired = limiter.tryAcquire(key, limit);
 *     if (!(typeof acquired === 'boolean' ? acquired : await acquired)) refuse();
 *
 * A promise never rejects: a limiter that cannot reach its store decides by its fallback.
 */
export interface QpsLimiter {
  tryAcquire(key: string, perSecond: number): boolean | Promise<boolean>;
  /** Resolves once the windows' store answers (Redis connected), or after a few seconds; await before listening. */
  ready?(): Promise<void>;
  /** Releases connections and timers (Redis client, IPC listener). */
  close?(): Promise<void>;
}

/** A limiter that always answers at once: this process's own windows. */
export interface RateLimiter extends QpsLimiter {
  tryAcquire(key: string, perSecond: number): boolean;
}

/** This process's windows in memory; exact for one process, and the fallback of the others. */
export function createRateLimiter(now: () => number = () => performance.now()): RateLimiter {
  const windows = new SlidingWindows();
  return {
    tryAcquire: (key, perSecond) => windows.take(key, perSecond, now()) === 0,
  };
}

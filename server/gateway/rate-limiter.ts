/**
 * Requests per second per key (account and action), in fixed one-second windows of the
 * wall clock. Only the current window is kept, so memory is bounded by one second's keys.
 */
export interface RateLimiter {
  tryAcquire(key: string, perSecond: number): boolean;
}

export function createRateLimiter(wall: () => number = Date.now): RateLimiter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    tryAcquire(key, perSecond) {
      const now = Math.floor(wall() / 1000);
      if (now !== window) {
        window = now;
        counts = new Map();
      }
      const used = counts.get(key) ?? 0;
      if (used >= perSecond) return false;
      counts.set(key, used + 1);
      return true;
    },
  };
}

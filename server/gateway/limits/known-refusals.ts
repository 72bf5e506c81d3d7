import { WINDOW_MS } from './sliding-window';

/**
 * The sync fast path of a limiter whose windows live elsewhere (the cluster primary,
 * Redis). When the store refuses a key it says how long until a slot frees; until then
 * every call of that key is refused here without asking again. That is exact, not a
 * guess: slots only free by ageing, and other workers or hosts can only take more. The
 * deadline counts from when the question was sent, which is never after the store's own
 * clock read, so the cache never refuses past the moment a slot really frees. A client
 * flooding far over its limit is then refused at in-process cost.
 */
export class KnownRefusals {
  private until = new Map<string, { limit: number; until: number }>();
  private lastSweep = -Infinity;

  /** True when `key` is known to be refused at `now` under the same limit. */
  refused(key: string, limit: number, now: number): boolean {
    const known = this.until.get(key);
    if (!known) return false;
    if (known.until <= now) {
      this.until.delete(key);
      return false;
    }
    // The operator changed the account's limit: the store must decide afresh.
    return known.limit === limit;
  }

  /** The store refused `key` for `retryAfterMs` after a question sent at `sentAt`. */
  remember(key: string, limit: number, sentAt: number, retryAfterMs: number) {
    if (sentAt - this.lastSweep >= WINDOW_MS) this.sweep(sentAt);
    this.until.set(key, { limit, until: sentAt + retryAfterMs });
  }

  private sweep(now: number) {
    this.lastSweep = now;
    for (const [key, known] of this.until) if (known.until <= now) this.until.delete(key);
  }
}

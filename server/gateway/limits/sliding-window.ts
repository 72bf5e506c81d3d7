/**
 * The QPS limit's one meaning, shared by every limiter (in-process, host-wide, fleet-wide):
 * at most `limit` calls allowed per key in any span of WINDOW_MS, a sliding window log.
 * Fixed one-second windows would let 2 × limit through across a window boundary (the end
 * of one second and the start of the next); the log holds one timestamp per allowed call,
 * so memory per key is bounded by its limit and refused calls cost nothing.
 *
 * A key's slots can also be held for a while (the host's leases, leases.ts): a hold counts
 * as all its slots from when it is granted until it ends, and then as the calls it was
 * used for, logged at that moment. Every call made under a hold falls between those two
 * moments, so each is counted in every span that contains it, and the limit stays exact.
 */
export const WINDOW_MS = 1000;

/** 0 when the call is allowed, else how many ms until a slot frees (≥ 1). */
export type Take = number;

interface Hold {
  id: number;
  slots: number;
  endsAt: number;
}

class Log {
  times: number[] = [];
  head = 0;
  /** A key has a hold or two per worker at most: summed when asked. */
  holds: Hold[] = [];

  /** Slots taken: calls in the window and slots held. */
  get used() {
    return this.times.length - this.head + this.holds.reduce((n, h) => n + h.slots, 0);
  }

  /** Drops the times that left the window (≤ now − WINDOW_MS); a hold that ended counts as fully used. */
  expire(now: number) {
    const edge = now - WINDOW_MS;
    while (this.head < this.times.length && this.times[this.head] <= edge) this.head++;
    // Compact once half the array is dead, so a busy key's array does not grow forever.
    if (this.head > 32 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.holds.length) for (const hold of this.holds.filter((h) => h.endsAt <= now)) this.release(hold.id, hold.slots, now);
  }

  /** Ends a hold: its slots free, and the `calls` made under it are logged at `now`, which is after each of them. */
  release(id: number, calls: number, now: number) {
    const i = this.holds.findIndex((h) => h.id === id);
    if (i < 0) return;
    const [hold] = this.holds.splice(i, 1);
    for (let n = Math.min(calls, hold.slots); n > 0; n--) this.times.push(now);
  }

  newest(): number {
    return this.times[this.times.length - 1];
  }
}

export class SlidingWindows {
  private logs = new Map<string, Log>();
  private lastSweep = -Infinity;
  private lastHold = 0;

  /** Takes a slot for `key` at `now` (ms, any monotonic clock) if fewer than `limit` were taken in the window. */
  take(key: string, limit: number, now: number): Take {
    const log = this.log(key, now);
    const used = log.used;
    if (used < limit) {
      log.times.push(now);
      return 0;
    }
    // A held slot may be handed back at any moment: refuse only this call.
    if (log.holds.length > 0) return 1;
    // After the operator lowered a limit the log may hold more than `limit`: the call waits
    // until enough of them age out that one fewer than `limit` remain.
    const freesAt = log.times[log.head + used - limit] + WINDOW_MS;
    return Math.max(1, Math.ceil(freesAt - now));
  }

  /**
   * Holds up to `want` of `key`'s slots until `endsAt`, as long as no more than `upTo`
   * slots are then taken in all. Returns the hold's id and size (0 slots: none granted).
   */
  hold(key: string, want: number, upTo: number, now: number, endsAt: number): { id: number; slots: number } {
    const log = this.log(key, now);
    const slots = Math.max(0, Math.min(want, upTo - log.used));
    if (slots === 0) return { id: 0, slots };
    const id = ++this.lastHold;
    log.holds.push({ id, slots, endsAt });
    return { id, slots };
  }

  /** Ends hold `id` early: `calls` of its slots were used, the rest free now. */
  release(key: string, id: number, calls: number, now: number) {
    this.logs.get(key)?.release(id, calls, now);
  }

  /** Keys currently held (for tests and the bench). */
  get keys(): number {
    return this.logs.size;
  }

  private log(key: string, now: number): Log {
    if (now - this.lastSweep >= WINDOW_MS) this.sweep(now);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = new Log()));
    log.expire(now);
    return log;
  }

  /** Forgets the keys with no call in the window and no slot held, so memory follows the active keys. */
  private sweep(now: number) {
    this.lastSweep = now;
    for (const [key, log] of this.logs) if (log.holds.length === 0 && (log.used === 0 || log.newest() <= now - WINDOW_MS)) this.logs.delete(key);
  }
}

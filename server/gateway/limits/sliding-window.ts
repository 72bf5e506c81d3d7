/**
 * The QPS limit's one meaning, shared by every limiter (in-process, host-wide, fleet-wide):
 * at most `limit` calls allowed per key in any span of WINDOW_MS, a sliding window log.
 * Fixed one-second windows would let 2 × limit through across a window boundary (the end
 * of one second and the start of the next); the log holds one timestamp per allowed call,
 * so memory per key is bounded by its limit and refused calls cost nothing.
 */
export const WINDOW_MS = 1000;

/** 0 when the call is allowed, else how many ms until a slot frees (≥ 1). */
export type Take = number;

class Log {
  times: number[] = [];
  head = 0;

  get size() {
    return this.times.length - this.head;
  }

  /** Drops the times that left the window (≤ now − WINDOW_MS). */
  expire(now: number) {
    const edge = now - WINDOW_MS;
    while (this.head < this.times.length && this.times[this.head] <= edge) this.head++;
    // Compact once half the array is dead, so a busy key's array does not grow forever.
    if (this.head > 32 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  newest(): number {
    return this.times[this.times.length - 1];
  }
}

export class SlidingWindows {
  private logs = new Map<string, Log>();
  private lastSweep = -Infinity;

  /** Takes a slot for `key` at `now` (ms, any monotonic clock) if fewer than `limit` were taken in the window. */
  take(key: string, limit: number, now: number): Take {
    if (now - this.lastSweep >= WINDOW_MS) this.sweep(now);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = new Log()));
    log.expire(now);
    const used = log.size;
    if (used < limit) {
      log.times.push(now);
      return 0;
    }
    // After the operator lowered a limit the log may hold more than `limit`: the call waits
    // until enough of them age out that one fewer than `limit` remain.
    const freesAt = log.times[log.head + used - limit] + WINDOW_MS;
    return Math.max(1, Math.ceil(freesAt - now));
  }

  /** Keys currently held (for tests and the bench). */
  get keys(): number {
    return this.logs.size;
  }

  /** Forgets the keys with no call in the window, so memory follows the active keys. */
  private sweep(now: number) {
    this.lastSweep = now;
    for (const [key, log] of this.logs) if (log.size === 0 || log.newest() <= now - WINDOW_MS) this.logs.delete(key);
  }
}

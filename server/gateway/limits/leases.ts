import type { RemoteLimiter } from './remote-limiter';
import { WINDOW_MS } from './sliding-window';

// Leases let a cluster worker decide a hot key's calls by itself. Asking the primary once
// per event-loop turn costs a wake-up of the sleeping primary each time (about 75 µs of
// CPU on a small VM, 8% of a two-worker host's CPU under load). Instead, a worker that
// calls a key often asks for some of the key's slots at once: the primary holds them for
// the worker for LEASE_MS (SlidingWindows.hold, which keeps the limit exact), and the
// worker allows that many calls without a message, asking for the next lease before this
// one runs out. What a lease did not use is handed back with the next message.

/** How long a worker spends a lease, from when it asked. */
export const LEASE_MS = 100;

/**
 * How long the primary holds a lease's slots if the worker does not hand it back (it died),
 * before counting them all as calls. The worker stopped spending it LEASE_MS after asking;
 * the rest leaves time for its hand-back, which a sweep sends within another LEASE_MS.
 */
export const LEASE_HELD_MS = 2 * LEASE_MS;

/**
 * Keys limited below this are decided call by call (the default 20/s among them): a
 * lease's unused slots would be a large share of their limit.
 */
export const LEASE_MIN_LIMIT = 100;

/** Leases never take a key past this share of its limit, so a key near its limit is decided call by call. */
export const LEASE_SHARE = 0.5;

/**
 * A key asks for a lease once it made this many calls, at a rate that would fill one this
 * size: a key calling less often is not worth the extra messages.
 */
const LEASE_MIN_SLOTS = 4;

/** The shortest span a key's rate is read over, so one turn's burst does not read as a huge rate. */
const RATE_FLOOR_MS = LEASE_MS / 4;

export interface LeaseAsk {
  key: string;
  limit: number;
  want: number;
}

export interface LeaseReturn {
  key: string;
  id: number;
  used: number;
}

/** The primary's answer to one ask: the hold's id and size (0: none). */
export interface LeaseGrant {
  id: number;
  slots: number;
}

/** Sends asks and returns to the primary: one grant per ask, in order. Rejects when the primary does not answer. */
export type LeaseChannel = (asks: readonly LeaseAsk[], returns: readonly LeaseReturn[]) => Promise<LeaseGrant[]>;

interface Lease {
  id: number;
  limit: number;
  slots: number;
  left: number;
  /** In this worker's clock: the moment the ask was sent plus LEASE_MS, never after the primary's end of the hold. */
  endsAt: number;
}

interface KeyLeases {
  current?: Lease;
  /** Granted while `current` still had slots: spent next. */
  next?: Lease;
  asking: boolean;
  /** After a refused or failed ask, none is asked again before this. */
  quietUntil: number;
  /** Calls since `since`: the key's rate, which sizes the next ask. */
  seen: number;
  since: number;
}

/** One worker's leases, by key: pure, with the clock passed in. */
export class LeaseBook {
  private keys = new Map<string, KeyLeases>();
  private asks: LeaseAsk[] = [];
  private returns: LeaseReturn[] = [];
  private lastSweep = -Infinity;

  /** True when a lease this worker holds allows the call. May queue an ask for the key's next lease. */
  spend(key: string, limit: number, now: number): boolean {
    if (limit < LEASE_MIN_LIMIT) return false;
    // Keys that never got a lease are forgotten here too, so memory follows the active keys.
    if (now - this.lastSweep >= WINDOW_MS) this.sweep(now);
    let k = this.keys.get(key);
    if (!k) this.keys.set(key, (k = { asking: false, quietUntil: -Infinity, seen: 0, since: now }));
    if (now - k.since > WINDOW_MS) {
      k.seen = 0;
      k.since = now;
    }
    k.seen++;
    const lease = this.usable(key, k, limit, now);
    if (lease) lease.left--;
    // The next lease is asked for while this one still has half its slots and half its time,
    // so under steady traffic no call waits for it.
    const runningOut = !lease || lease.left * 2 <= lease.slots || (lease.endsAt - now) * 2 <= LEASE_MS;
    if (runningOut && !k.asking && !k.next && now >= k.quietUntil) this.ask(key, k, limit, now);
    return lease !== undefined;
  }

  /** Keys currently tracked (for tests). */
  get keyCount(): number {
    return this.keys.size;
  }

  /** True when asks or returns wait to be sent. */
  get pending(): boolean {
    return this.asks.length > 0 || this.returns.length > 0;
  }

  /** The asks and returns to send now, in one message. */
  drain(): { asks: LeaseAsk[]; returns: LeaseReturn[] } {
    const out = { asks: this.asks, returns: this.returns };
    this.asks = [];
    this.returns = [];
    return out;
  }

  /** The primary answered `asks`, sent at `sentAt`. */
  granted(asks: readonly LeaseAsk[], grants: readonly LeaseGrant[], sentAt: number) {
    asks.forEach((ask, i) => {
      // A key that is asking is never swept.
      const k = this.keys.get(ask.key)!;
      const { id, slots } = grants[i] ?? { id: 0, slots: 0 };
      k.asking = false;
      if (slots === 0) {
        k.quietUntil = sentAt + LEASE_MS;
        return;
      }
      const lease: Lease = { id, limit: ask.limit, slots, left: slots, endsAt: sentAt + LEASE_MS };
      if (k.current) k.next = lease;
      else k.current = lease;
    });
  }

  /** The primary did not answer `asks`: those keys are decided call by call for a while. */
  failed(asks: readonly LeaseAsk[], now: number) {
    for (const ask of asks) {
      const k = this.keys.get(ask.key)!;
      k.asking = false;
      k.quietUntil = now + LEASE_MS;
    }
  }

  /**
   * Hands back the leases that ended and forgets idle keys. Returns true while leases are
   * still held (the caller sweeps again later).
   */
  sweep(now: number): boolean {
    this.lastSweep = now;
    let holding = false;
    for (const [key, k] of this.keys) {
      if (k.current && k.current.endsAt <= now) this.usable(key, k, k.current.limit, now);
      if (k.current) holding = true;
      else if (!k.asking && now - k.since > WINDOW_MS) this.keys.delete(key);
    }
    return holding;
  }

  /** The lease to spend from, handing back the ones that ran out, ended or were granted under another limit. */
  private usable(key: string, k: KeyLeases, limit: number, now: number): Lease | undefined {
    while (k.current && (k.current.left === 0 || k.current.endsAt <= now || k.current.limit !== limit)) {
      const { id, slots, left } = k.current;
      this.returns.push({ key, id, used: slots - left });
      k.current = k.next;
      k.next = undefined;
    }
    return k.current;
  }

  private ask(key: string, k: KeyLeases, limit: number, now: number) {
    const want = Math.ceil((k.seen * LEASE_MS) / Math.max(now - k.since, RATE_FLOOR_MS));
    if (k.seen < LEASE_MIN_SLOTS || want < LEASE_MIN_SLOTS) return;
    k.asking = true;
    k.seen = 0;
    k.since = now;
    this.asks.push({ key, limit, want });
  }
}

/**
 * A host limiter that spends leases first and asks `limiter` (call by call, batched per
 * turn) for the rest. Asks and returns of one turn leave as one message.
 */
export function withLeases(limiter: RemoteLimiter, send: LeaseChannel, now: () => number = () => performance.now()): RemoteLimiter {
  const book = new LeaseBook();
  let flushQueued = false;
  let sweepTimer: NodeJS.Timeout | undefined;

  const flush = () => {
    flushQueued = false;
    if (!book.pending) return;
    const { asks, returns } = book.drain();
    const sentAt = now();
    send(asks, returns).then(
      (grants) => {
        book.granted(asks, grants, sentAt);
        armSweep();
      },
      () => book.failed(asks, now()),
    );
  };
  const queueFlush = () => {
    if (flushQueued || !book.pending) return;
    flushQueued = true;
    setImmediate(flush);
  };
  // A lease that nobody spends any more goes back when it ends, so the primary frees its
  // unused slots then instead of counting them as calls.
  const armSweep = () => {
    if (sweepTimer) return;
    sweepTimer = setTimeout(() => {
      sweepTimer = undefined;
      if (book.sweep(now())) armSweep();
      queueFlush();
    }, LEASE_MS);
    sweepTimer.unref();
  };

  return {
    ...limiter,
    tryAcquire(key, limit) {
      const leased = book.spend(key, limit, now());
      queueFlush();
      return leased || limiter.tryAcquire(key, limit);
    },
    close: async () => {
      clearTimeout(sweepTimer);
      await limiter.close();
    },
  };
}

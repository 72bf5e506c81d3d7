import nodeCluster, { type Cluster, type Worker } from 'node:cluster';
import type { QpsLimiter } from '../rate-limiter';
import { LEASE_HELD_MS, LEASE_SHARE, withLeases, type LeaseAsk, type LeaseChannel, type LeaseGrant, type LeaseReturn } from './leases';
import { remoteLimiter, type Call, type RemoteLimiter, type WindowStore } from './remote-limiter';
import { SlidingWindows, type Take } from './sliding-window';

// One QPS limit for every API worker of a host, with no service besides Node: the
// node:cluster primary keeps the windows, the workers ask it over the IPC channel the
// cluster already has, or spend leases of a hot key's slots it gave them (leases.ts).
// The primary does nothing else, so it answers in well under a millisecond;
// HOST_TIMEOUT_MS only catches a primary that is gone or starved of CPU.

/**
 * How long a worker waits for the primary before its own window decides. A few ms: the
 * answer normally takes ~0.1–1 ms, and a request should not wait longer than that for a
 * limit. If the primary is gone the workers die with it (node:cluster), so the fallback
 * only ever covers a primary that is slow for a moment.
 */
export const HOST_TIMEOUT_MS = 20;

/** A primary that missed one answer is usually only starved for a moment: ask again soon. */
export const HOST_PROBE_MS = 100;

const TAG = 'iacQps';

/** Worker → primary: the calls of one event-loop turn, as [key, limit] pairs. */
interface TakeMessage {
  [TAG]: 'take';
  id: number;
  calls: [string, number][];
}

/** Primary → worker: one Take per call, in order. */
interface TakesMessage {
  [TAG]: 'takes';
  id: number;
  takes: Take[];
}

/** Worker → primary: asks for leases, as [key, limit, want], and leases handed back, as [key, id, used]. */
interface LeaseMessage {
  [TAG]: 'lease';
  id: number;
  asks: [string, number, number][];
  returns: [string, number, number][];
}

/** Primary → worker: one [id, slots] per ask, in order. */
interface LeasesMessage {
  [TAG]: 'leases';
  id: number;
  grants: [number, number][];
}

const isTag = (msg: unknown, kind: string): boolean => typeof msg === 'object' && msg !== null && (msg as Record<string, unknown>)[TAG] === kind;

export interface HostLimitsStats {
  /** IPC messages received from workers (each answered by one). */
  messages: number;
  /** Calls decided one by one. */
  calls: number;
  /** Leases granted, and the slots they held. */
  leases: number;
  leasedSlots: number;
}

/** The primary's half: keeps the windows and answers every worker. Returns the stop and the counts. */
export function serveHostLimits(cluster: Pick<Cluster, 'on' | 'off'> = nodeCluster, now: () => number = () => performance.now()) {
  const windows = new SlidingWindows();
  const stats: HostLimitsStats = { messages: 0, calls: 0, leases: 0, leasedSlots: 0 };
  const answer = (at: number, msg: TakeMessage | LeaseMessage): TakesMessage | LeasesMessage => {
    if (msg[TAG] === 'take') {
      stats.calls += msg.calls.length;
      return { [TAG]: 'takes', id: msg.id, takes: msg.calls.map(([key, limit]) => windows.take(key, limit, at)) };
    }
    for (const [key, id, used] of msg.returns) windows.release(key, id, used, at);
    const grants = msg.asks.map(([key, limit, want]): [number, number] => {
      const { id, slots } = windows.hold(key, want, Math.floor(limit * LEASE_SHARE), at, at + LEASE_HELD_MS);
      if (slots > 0) {
        stats.leases++;
        stats.leasedSlots += slots;
      }
      return [id, slots];
    });
    return { [TAG]: 'leases', id: msg.id, grants };
  };
  const onMessage = (worker: Worker, msg: unknown) => {
    if (!isTag(msg, 'take') && !isTag(msg, 'lease')) return;
    stats.messages++;
    const reply = answer(now(), msg as TakeMessage | LeaseMessage);
    // The worker may be exiting; it has then already decided by its fallback, and its
    // leases end by themselves.
    if (worker.isConnected()) worker.send(reply);
  };
  cluster.on('message', onMessage);
  return {
    stop: () => void cluster.off('message', onMessage),
    stats: (): HostLimitsStats => ({ ...stats }),
  };
}

/** What a worker needs of its IPC channel: `process` in a cluster worker. */
export interface PrimaryChannel {
  send?(message: TakeMessage | LeaseMessage, callback: (err: Error | null) => void): boolean;
  on(event: 'message', listener: (msg: unknown) => void): unknown;
  off(event: 'message', listener: (msg: unknown) => void): unknown;
}

/** The worker's half of the windows: questions to the primary, each settled within timeoutMs. */
export function primaryStore(channel: PrimaryChannel = process as PrimaryChannel, timeoutMs = HOST_TIMEOUT_MS): WindowStore & { lease: LeaseChannel } {
  if (!channel.send) throw new Error('the host-wide QPS limit needs a node:cluster worker (no IPC channel to a primary)');
  const send = channel.send.bind(channel);
  const waiting = new Map<number, { resolve(reply: TakesMessage | LeasesMessage): void; reject(err: Error): void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  const settle = (id: number) => {
    const w = waiting.get(id);
    if (w) {
      waiting.delete(id);
      clearTimeout(w.timer);
    }
    return w;
  };
  const onMessage = (msg: unknown) => {
    if (!isTag(msg, 'takes') && !isTag(msg, 'leases')) return;
    const reply = msg as TakesMessage | LeasesMessage;
    settle(reply.id)?.resolve(reply);
  };
  channel.on('message', onMessage);
  const ask = <R extends TakesMessage | LeasesMessage>(question: (id: number) => TakeMessage | LeaseMessage) =>
    new Promise<R>((resolve, reject) => {
      const id = nextId++;
      // A timer runs before the poll phase that reads the pipe: after the event loop was
      // held up (a flush, GC, no core for a while) it would fire with the answer already
      // waiting there unread. One turn's grace lets that answer in before calling it late.
      const late = () => settle(id)?.reject(new Error(`no answer within ${timeoutMs} ms`));
      const timer = setTimeout(() => setImmediate(late), timeoutMs);
      waiting.set(id, { resolve: resolve as (reply: TakesMessage | LeasesMessage) => void, reject, timer });
      try {
        send(question(id), (err) => {
          if (err) settle(id)?.reject(err);
        });
      } catch (err) {
        settle(id)?.reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  return {
    name: 'the cluster primary',
    take: async (calls: readonly Call[]) => (await ask<TakesMessage>((id) => ({ [TAG]: 'take', id, calls: calls.map((c) => [c.key, c.limit]) }))).takes,
    lease: async (asks: readonly LeaseAsk[], returns: readonly LeaseReturn[]) => {
      const reply = await ask<LeasesMessage>((id) => ({
        [TAG]: 'lease',
        id,
        asks: asks.map((a) => [a.key, a.limit, a.want]),
        returns: returns.map((r) => [r.key, r.id, r.used]),
      }));
      return reply.grants.map(([id, slots]): LeaseGrant => ({ id, slots }));
    },
    close: async () => void channel.off('message', onMessage),
  };
}

/**
 * A cluster worker's limiter: the host-wide windows, spent from leases for hot keys and
 * asked call by call for the rest, and its own window when the primary does not answer.
 */
export function createHostLimiter(
  fallback: QpsLimiter,
  options: { channel?: PrimaryChannel; timeoutMs?: number; log?: (line: string) => void; now?: () => number } = {},
): RemoteLimiter {
  const store = primaryStore(options.channel, options.timeoutMs);
  const limiter = remoteLimiter(store, {
    fallback,
    fallbackName: "this worker's own window",
    log: options.log,
    now: options.now,
    probeMs: HOST_PROBE_MS,
  });
  return withLeases(limiter, store.lease, options.now);
}

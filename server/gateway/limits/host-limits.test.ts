import { execFile, spawn } from 'node:child_process';
import type { Cluster, Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, type QpsLimiter } from '../rate-limiter';
import { createHostLimiter, HOST_PROBE_MS, serveHostLimits, type HostLimitsStats, type PrimaryChannel } from './host-limits';

/**
 * A primary and its workers in one process: each worker's channel delivers to the fake
 * cluster one turn later, as IPC does, and the primary's answers come back the same way.
 */
function fakeHost(now: () => number) {
  const cluster = new EventEmitter();
  const primary = serveHostLimits(cluster as unknown as Pick<Cluster, 'on' | 'off'>, now);
  let answering = true;
  const channel = (): PrimaryChannel => {
    const toWorker = new EventEmitter();
    const worker = { isConnected: () => true, send: (msg: unknown) => setImmediate(() => toWorker.emit('message', msg)) } as unknown as Worker;
    return {
      send(msg, callback) {
        setImmediate(() => {
          if (answering) cluster.emit('message', worker, msg);
          callback(null);
        });
        return true;
      },
      on: (event, fn) => toWorker.on(event, fn),
      off: (event, fn) => toWorker.off(event, fn),
    };
  };
  return { primary, channel, silence: (on: boolean) => (answering = !on) };
}

/** Long enough that a busy test machine cannot make these tests about the fallback. */
const PATIENT = 10_000;

const attempts = async (limiter: QpsLimiter, key: string, limit: number, n: number) => {
  const answers = await Promise.all(Array.from({ length: n }, () => limiter.tryAcquire(key, limit)));
  return answers.filter(Boolean).length;
};

describe('host-wide QPS limit (node:cluster primary)', () => {
  it('holds one limit across workers, one IPC message per worker per event-loop turn', async () => {
    const t = 0;
    const host = fakeHost(() => t);
    const workers = [0, 1].map(() => createHostLimiter(createRateLimiter(), { channel: host.channel(), now: () => t, timeoutMs: PATIENT }));
    const [a, b] = await Promise.all(workers.map((w) => attempts(w, '7:AssessQuality', 20, 100)));
    expect(a + b).toBe(20);
    expect(host.primary.stats()).toEqual({ messages: 2, calls: 200, leases: 0, leasedSlots: 0 });
    // Another account and another action have windows of their own.
    expect(await attempts(workers[0], '8:AssessQuality', 20, 30)).toBe(20);
    expect(await attempts(workers[1], '7:DetectLabel', 20, 30)).toBe(20);
  });

  describe('leases of a hot key', () => {
    /** Two workers on one fake host, each making `perTick` calls of one key every 5 ms for `ms`; the times of the calls allowed. */
    async function run(limit: number, perTick: number, ms: number) {
      let t = 0;
      const host = fakeHost(() => t);
      const workers = [0, 1].map(() => createHostLimiter(createRateLimiter(), { channel: host.channel(), now: () => t, timeoutMs: PATIENT }));
      const allowedAt: number[] = [];
      for (; t < ms; t += 5) {
        const allowed = await Promise.all(workers.map((w) => attempts(w, '7:AssessQuality', limit, perTick)));
        for (let i = allowed[0] + allowed[1]; i > 0; i--) allowedAt.push(t);
        // A few turns pass between ticks, as on a real event loop: asks leave, grants come back.
        for (let i = 0; i < 4; i++) await new Promise((r) => setImmediate(r));
      }
      return { allowedAt, stats: host.primary.stats() };
    }

    it('allows every call of a key well below half its limit, in a few messages', async () => {
      // 2 × 4 calls every 5 ms: 1,600 a second against 10,000.
      const { allowedAt, stats } = await run(10_000, 4, 2000);
      expect(allowedAt).toHaveLength(3200);
      expect(stats.messages).toBeLessThan(3200 / 20);
    });

    it('never allows more than the limit in any one-second span, at three times the limit', async () => {
      const { allowedAt, stats } = await run(1000, 15, 3000);
      expect(stats.leases).toBeGreaterThan(0);
      for (let i = 0, from = 0; i < allowedAt.length; i++) {
        while (allowedAt[from] <= allowedAt[i] - 1000) from++;
        expect(i - from + 1).toBeLessThanOrEqual(1000);
      }
      // No call was refused wrongly here: a full limit in every second.
      expect(allowedAt).toHaveLength(3000);
    });
  });

  it('refuses at once, without asking again, while the refusal the primary gave holds', async () => {
    let t = 0;
    const host = fakeHost(() => t);
    const worker = createHostLimiter(createRateLimiter(), { channel: host.channel(), now: () => t, timeoutMs: PATIENT });
    expect(await attempts(worker, 'k', 2, 3)).toBe(2);
    const messages = host.primary.stats().messages;
    t = 999;
    expect(worker.tryAcquire('k', 2)).toBe(false);
    expect(host.primary.stats().messages).toBe(messages);
    // A raised limit is the primary's to decide.
    expect(await worker.tryAcquire('k', 3)).toBe(true);
    // The window slides: the first two calls age out at t = 1000.
    t = 1000;
    expect(await attempts(worker, 'k', 2, 5)).toBe(1);
  });

  it("decides by the worker's own window while the primary does not answer, and says so once", async () => {
    let t = 0;
    const host = fakeHost(() => t);
    const lines: string[] = [];
    const worker = createHostLimiter(createRateLimiter(() => t), { channel: host.channel(), timeoutMs: 200, now: () => t, log: (l) => lines.push(l) });
    host.silence(true);
    expect(await attempts(worker, 'k', 20, 100)).toBe(20);
    // Between probes the fallback answers synchronously.
    expect(worker.tryAcquire('k', 20)).toBe(false);
    expect(worker.status()).toMatchObject({ fallbackDecisions: 101, outages: 1 });
    host.silence(false);
    t = HOST_PROBE_MS;
    // One call probes the primary; the rest of the turn still goes to the fallback.
    const probe = worker.tryAcquire('j', 20);
    expect(worker.tryAcquire('j', 20)).toBe(true);
    expect(await probe).toBe(true);
    expect(await attempts(worker, 'j', 20, 5)).toBe(5);
    expect(worker.status()).toMatchObject({ downSince: null, fallbackDecisions: 102, outages: 1 });
    expect(lines).toEqual([
      "QPS limit: the cluster primary unavailable (no answer within 200 ms); deciding by this worker's own window until it answers",
      expect.stringMatching(/^QPS limit: the cluster primary answers again after [\d.]+ s; 102 calls were decided by this worker's own window$/),
    ]);
  });

  it('takes an answer that came while the event loop was held up past the timeout, instead of falling back', async () => {
    // A real IPC pipe to a process that answers every question at once (allowed), then says
    // so in a file, which the test can watch while it holds its own event loop.
    const answered = path.join(os.tmpdir(), `iac-answered-${process.pid}-${Date.now()}`);
    const answering = `process.on('message', (m) => { process.send({ iacQps: 'takes', id: m.id, takes: m.calls.map(() => 0) }); require('fs').writeFileSync(${JSON.stringify(answered)}, ''); }); process.send('up');`;
    const primary = spawn(process.execPath, ['-e', answering], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      await new Promise((r) => primary.once('message', r));
      const lines: string[] = [];
      const worker = createHostLimiter(createRateLimiter(), { channel: primary as unknown as PrimaryChannel, timeoutMs: 20, log: (l) => lines.push(l) });
      const answer = worker.tryAcquire('k', 5);
      await new Promise((r) => setImmediate(r)); // the turn ends: the question leaves
      // The loop is held (a long flush, a GC) until the answer waits in the pipe and the 20 ms
      // timer is overdue (10 s at most: a sync loop outlives the test's own timeout).
      const since = Date.now();
      while ((!fs.existsSync(answered) || Date.now() < since + 50) && Date.now() < since + 10_000);
      expect(await answer).toBe(true);
      expect(worker.status()).toMatchObject({ fallbackDecisions: 0, outages: 0 });
      expect(lines).toEqual([]);
    } finally {
      primary.kill();
      fs.rmSync(answered, { force: true });
    }
  });

  it('falls back at once when the IPC channel is closed', async () => {
    const lines: string[] = [];
    const closed: PrimaryChannel = {
      send: (_msg, callback) => {
        setImmediate(() => callback(new Error('Channel closed')));
        return false;
      },
      on: () => undefined,
      off: () => undefined,
    };
    const worker = createHostLimiter(createRateLimiter(), { channel: closed, log: (l) => lines.push(l) });
    expect(await attempts(worker, 'k', 3, 10)).toBe(3);
    expect(lines).toEqual(["QPS limit: the cluster primary unavailable (Channel closed); deciding by this worker's own window until it answers"]);
  });

  it('needs a cluster worker', () => {
    expect(() => createHostLimiter(createRateLimiter(), { channel: { on: () => undefined, off: () => undefined } })).toThrow('needs a node:cluster worker');
  });

  /** cluster-qps.ts: a real node:cluster of `workers` on one key. */
  async function cluster(...args: number[]) {
    const script = path.join(__dirname, '..', '..', 'testing', 'cluster-qps.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args.map(String)], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { allowed: number[]; attempts: number[]; fallbacks: number[]; stats: HostLimitsStats };
    return { ...result, allowed: result.allowed.reduce((a, b) => a + b), attempts: result.attempts.reduce((a, b) => a + b) };
  }

  it('holds across the worker processes of a real node:cluster', async () => {
    // Two workers, 100 attempts each at once on one key, limit 20. The timeout is long here
    // so a busy test machine cannot turn this into a fallback test (that one is above).
    const result = await cluster(2, 100, 20, 1000);
    expect(result.allowed).toBe(20);
    expect(result.fallbacks).toEqual([0, 0]);
    // One warm-up question and one batch of 100 per worker; a key limited to 20 is never leased.
    expect(result.stats).toMatchObject({ messages: 4, leases: 0 });
  }, 60_000);

  it('decides a hot key from leases in a real node:cluster: every call allowed, far fewer messages', async () => {
    // Two workers, 2 attempts a millisecond each for 400 ms, limit 100,000.
    const result = await cluster(2, 2, 100_000, 1000, 400);
    expect(result.allowed).toBe(result.attempts);
    expect(result.fallbacks).toEqual([0, 0]);
    expect(result.stats.leases).toBeGreaterThan(0);
    expect(result.stats.messages).toBeLessThan(result.attempts / 10);
  }, 60_000);

  it('holds the limit with leases in a real node:cluster: at most 1,000 in 600 ms at three times that', async () => {
    // Two workers, 3 attempts a millisecond each for 600 ms: every call falls in one second.
    const result = await cluster(2, 3, 1000, 1000, 600);
    expect(result.stats.leases).toBeGreaterThan(0);
    expect(result.fallbacks).toEqual([0, 0]);
    expect(result.allowed).toBeLessThanOrEqual(1000);
    // Leases stop at half the limit and what they did not use goes back: the rest is
    // decided call by call, so no more than a lease's unused slots are refused wrongly.
    expect(result.allowed).toBeGreaterThanOrEqual(Math.min(result.attempts, 1000) - 100);
  }, 60_000);
});

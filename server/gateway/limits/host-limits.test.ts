import { execFile, spawn } from 'node:child_process';
import type { Cluster, Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, type QpsLimiter } from '../rate-limiter';
import { createHostLimiter, HOST_PROBE_MS, serveHostLimits, type PrimaryChannel } from './host-limits';

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
    expect(host.primary.stats()).toEqual({ messages: 2, calls: 200 });
    // Another account and another action have windows of their own.
    expect(await attempts(workers[0], '8:AssessQuality', 20, 30)).toBe(20);
    expect(await attempts(workers[1], '7:DetectLabel', 20, 30)).toBe(20);
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

  it('holds across the worker processes of a real node:cluster', async () => {
    // Two workers, 100 attempts each at once on one key, limit 20. The timeout is long here
    // so a busy test machine cannot turn this into a fallback test (that one is above).
    const script = path.join(__dirname, '..', '..', 'testing', 'cluster-qps.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, '2', '100', '20', '1000'], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { allowed: number[]; fallbacks: number[]; messages: number };
    expect(result.allowed.reduce((a, b) => a + b)).toBe(20);
    expect(result.fallbacks).toEqual([0, 0]);
    // One warm-up question and one batch of 100 per worker.
    expect(result.messages).toBe(4);
  }, 60_000);
});

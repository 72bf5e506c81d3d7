import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadPool, type ThreadPool } from './pool';

// Threads of plain JavaScript that answer as the inference worker does: `echo` answers
// with the thread's id after `ms`, `hang` never answers, `fail` answers with an error,
// `die` ends the thread.
const WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, op, ms }) => {
  if (op === 'die') process.exit(3);
  if (op === 'hang') return;
  if (op === 'fail') return parentPort.postMessage({ id, error: 'bad input' });
  setTimeout(() => parentPort.postMessage({ id, result: threadId }), ms ?? 0);
});`;

type Job = { op: 'echo' | 'hang' | 'fail' | 'die'; ms?: number };

let pool: ThreadPool<Job>;
const spawn = () => new Worker(WORKER, { eval: true });
afterEach(() => pool?.stop());

/** Tracks a promise's outcome without awaiting it (a hung job never settles). */
function watch(p: Promise<unknown>) {
  const state: { error?: string; settled: boolean } = { settled: false };
  p.then(
    () => (state.settled = true),
    (err: Error) => Object.assign(state, { settled: true, error: err.message }),
  );
  return state;
}

describe('model thread pool', () => {
  it('spreads concurrent jobs over the threads', async () => {
    pool = createThreadPool<Job>(2, spawn);
    const ids = await Promise.all([1, 2, 3, 4].map(() => pool.run({ op: 'echo', ms: 30 })));
    expect(new Set(ids).size).toBe(2);
    expect(ids.filter((id) => id === ids[0])).toHaveLength(2);
  });

  it('sends each job to the least busy thread, not the next in turn', async () => {
    pool = createThreadPool<Job>(2, spawn);
    const hung = watch(pool.run({ op: 'hang' }));
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await pool.run({ op: 'echo' }));
    expect(new Set(ids).size).toBe(1);
    expect(hung.settled).toBe(false);
  });

  it('answers an error without losing the thread', async () => {
    pool = createThreadPool<Job>(1, spawn);
    const first = await pool.run({ op: 'echo' });
    await expect(pool.run({ op: 'fail' })).rejects.toThrow('bad input');
    expect(await pool.run({ op: 'echo' })).toBe(first);
  });

  it('rejects the jobs of a thread that dies, keeps the others, and replaces it', async () => {
    pool = createThreadPool<Job>(2, spawn);
    const before = await Promise.all([pool.run({ op: 'echo', ms: 30 }), pool.run({ op: 'echo', ms: 30 })]);
    const hung = [watch(pool.run({ op: 'hang' })), watch(pool.run({ op: 'hang' }))];
    await expect(pool.run({ op: 'die' })).rejects.toThrow('inference thread exited with code 3');
    // The job the dead thread held failed with it; the other thread's job is still running.
    expect(hung.map((h) => h.error).sort()).toEqual(['inference thread exited with code 3', undefined]);
    expect(pool.size).toBe(1);
    const after = await Promise.all([pool.run({ op: 'echo', ms: 30 }), pool.run({ op: 'echo', ms: 30 })]);
    expect(pool.size).toBe(2);
    expect(after.filter((id) => before.includes(id))).toHaveLength(1);
    // Stopping fails what is left instead of leaving it hanging.
    await pool.stop();
    await new Promise((r) => setImmediate(r));
    expect(hung.every((h) => h.settled && h.error)).toBe(true);
  });

  it('keeps the process alive while a job is in flight, and lets it end when idle', async () => {
    // A script whose only pending work is one job on the pool: it must print the answer and exit.
    const script = `
      const { Worker } = require('node:worker_threads');
      const { createThreadPool } = require(${JSON.stringify(path.join(__dirname, 'pool.ts'))});
      const pool = createThreadPool(1, () => new Worker(${JSON.stringify(WORKER)}, { eval: true }));
      pool.run({ op: 'echo', ms: 300 }).then((id) => console.log('answered by thread', id));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).toMatch(/^answered by thread \d+$/);
  }, 30_000);

  it('needs a thread', () => {
    expect(() => createThreadPool<Job>(0, spawn)).toThrow(RangeError);
  });
});

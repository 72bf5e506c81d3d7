import type { Worker } from 'node:worker_threads';

// A pool of model threads for one API process. Each thread loads the models once and runs
// one inference at a time (the models hold the thread's CPU for 100–400 ms), so a job goes
// to the thread with the fewest jobs in flight, and among equals to the next in turn:
// round-robin alone would queue a job behind a slow detection while another thread idles.

export type PoolReply = { id: number; result: unknown } | { id: number; error: string };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Thread {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

export interface ThreadPool<Job> {
  /** Runs `job` on the least busy thread; rejects if that thread dies before answering. */
  run(job: Job): Promise<unknown>;
  /** Threads alive now (a dead one is replaced when the next job comes). */
  readonly size: number;
  /** Ends every thread; the jobs they held are rejected. */
  stop(): Promise<void>;
}

/**
 * `threads` threads from `spawn`, started on first use. A thread that dies (an error in
 * the worker, an exit, out of memory) rejects the jobs it held at once, never leaves them
 * hanging, and is replaced on the next job: lazily, so a worker that cannot start fails
 * requests instead of respawning in a loop.
 */
export function createThreadPool<Job extends object>(threads: number, spawn: () => Worker): ThreadPool<Job> {
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`a thread pool needs at least one thread, got ${threads}`);
  const live: Thread[] = [];
  let nextId = 1;
  let turn = 0;

  function start(): Thread {
    const thread: Thread = { worker: spawn(), inFlight: new Map() };
    thread.worker.on('message', (reply: PoolReply) => {
      const p = thread.inFlight.get(reply.id);
      if (!p) return;
      thread.inFlight.delete(reply.id);
      if (thread.inFlight.size === 0) thread.worker.unref();
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.result);
    });
    // 'error' is followed by 'exit'; whichever comes first fails the jobs.
    const die = (err: Error) => {
      const i = live.indexOf(thread);
      if (i >= 0) live.splice(i, 1);
      for (const p of thread.inFlight.values()) p.reject(err);
      thread.inFlight.clear();
    };
    thread.worker.on('error', die);
    thread.worker.on('exit', (code) => die(new Error(`inference thread exited with code ${code}`)));
    // An idle thread does not keep the process alive; one with a job does, until it answers.
    thread.worker.unref();
    live.push(thread);
    return thread;
  }

  function leastBusy(): Thread {
    while (live.length < threads) start();
    let best = live[turn % live.length];
    for (let k = 1; k < live.length; k++) {
      const t = live[(turn + k) % live.length];
      if (t.inFlight.size < best.inFlight.size) best = t;
    }
    turn = (turn + 1) % live.length;
    return best;
  }

  return {
    run(job) {
      const thread = leastBusy();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (thread.inFlight.size === 0) thread.worker.ref();
        thread.inFlight.set(id, { resolve, reject });
        thread.worker.postMessage({ ...job, id });
      });
    },
    get size() {
      return live.length;
    },
    async stop() {
      await Promise.all(live.map((t) => t.worker.terminate()));
    },
  };
}

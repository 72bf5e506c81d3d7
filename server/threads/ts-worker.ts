import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the TypeScript module `file`. It starts from a one-line
 * CommonJS script that registers tsx, which then compiles the module as it does the
 * server's (a worker cannot be given --import on Node 20).
 */
export function startTsWorker(file: string, workerData?: unknown): Worker {
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData });
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { engineThreadsFromEnv } from '@/server/sizing';
import type { Raster } from '../raster';
import { createThreadPool, type PoolReply, type ThreadPool } from './pool';

// Model inference is CPU-bound for 100–400 ms. On the API server's event loop it would
// hold up every other request (signatures, AssessQuality, metering) for that long, so the
// API server runs the models in a pool of ENGINE_THREADS worker threads instead (pool.ts,
// sized by server/sizing.ts). Tests, the console (reference photos) and the bench keep
// running them in-process: they have no event loop to protect.

/** What a model needs of a decoded image: plain data that can cross to a worker. */
export interface ModelInput {
  width: number;
  height: number;
  analysis: Raster;
}

export type InferenceOp = 'detect' | 'nsfw' | 'faces';

export interface InferenceRequest {
  id: number;
  op: InferenceOp;
  input: ModelInput;
}

export type InferenceReply = PoolReply;

let pool: ThreadPool<Omit<InferenceRequest, 'id'>> | null = null;

function workerFile(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), /*turbopackIgnore: true*/ 'inference-worker.ts');
}

function startWorker(): Worker {
  // The worker starts from a one-line CommonJS script that registers tsx, which then
  // compiles the worker's TypeScript as it does the server's (a worker cannot be given
  // --import on Node 20).
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(workerFile())});`, { eval: true });
}

/** Sends every later model call of this process to a pool of `threads` worker threads (the API server calls this). */
export function startInferenceWorker(threads = engineThreadsFromEnv(process.env)): void {
  pool ??= createThreadPool(threads, startWorker);
}

export async function stopInferenceWorker(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.stop();
}

/** Runs `op` on the pool's least busy thread when the pool is in use, else `inProcess` right here. */
export function offload<T>(op: InferenceOp, image: ModelInput, inProcess: (input: ModelInput) => Promise<T>): Promise<T> {
  const input: ModelInput = { width: image.width, height: image.height, analysis: image.analysis };
  if (!pool) return inProcess(input);
  return pool.run({ op, input }) as Promise<T>;
}

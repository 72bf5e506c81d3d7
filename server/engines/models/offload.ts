import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Raster } from '../raster';

// Model inference is CPU-bound for 100–400 ms. On the API server's event loop it would
// hold up every other request (signatures, AssessQuality, metering) for that long, so the
// API server runs the models in one worker thread instead. Tests, the console (reference
// photos) and the bench keep running them in-process: they have no event loop to protect.

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

export type InferenceReply = { id: number; result: unknown } | { id: number; error: string };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function workerFile(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), /*turbopackIgnore: true*/ 'inference-worker.ts');
}

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function startWorker(): Worker {
  // The worker starts from a one-line CommonJS script that registers tsx, which then
  // compiles the worker's TypeScript as it does the server's (a worker cannot be given
  // --import on Node 20).
  const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(workerFile())});`, { eval: true });
  w.on('message', (reply: InferenceReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
  });
  // A crashed worker fails what it held; the next request starts a fresh one.
  w.on('error', (err) => failAll(err));
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`inference worker exited with code ${code}`));
  });
  w.unref();
  return w;
}

/** Sends every later model call of this process to a worker thread (the API server calls this). */
export function startInferenceWorker(): void {
  worker ??= startWorker();
}

export async function stopInferenceWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/** Runs `op` in the worker when one is in use, else `inProcess` right here. */
export function offload<T>(op: InferenceOp, image: ModelInput, inProcess: (input: ModelInput) => Promise<T>): Promise<T> {
  const input: ModelInput = { width: image.width, height: image.height, analysis: image.analysis };
  if (!worker) return inProcess(input);
  const w = (worker ??= startWorker());
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage({ id, op, input } satisfies InferenceRequest);
  });
}

import os from 'node:os';

// How many API processes a host runs and how many model threads each has
// (docs/deployment.md). The defaults fill the cores once and no more: the API's own work is
// light beside the models (≈ 0.4 ms of CPU per AssessQuality call against 100–400 ms per
// detection), so the cores are the models' to share, and every model thread holds ≈ 220
// MiB of models and WASM heap, so threads beyond the cores would cost memory and gain
// nothing.

/** A positive integer setting, or undefined when unset; anything else stops the start. */
export function positiveInteger(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** API_WORKERS: API processes on the port (node:cluster workers); default one per core. */
export function apiWorkersFromEnv(env: Record<string, string | undefined>, cores = os.availableParallelism()): number {
  return positiveInteger(env, 'API_WORKERS') ?? cores;
}

/**
 * ENGINE_THREADS: model threads per API process; default max(1, ⌊cores / API_WORKERS⌋), so
 * the host runs about one model thread per core in all: 2 cores and 2 API workers give one
 * thread each (two in all, as many as the cores); 2 cores and 1 worker give 2; 8 cores and
 * 3 workers give 2 each (6 threads: the remainder is left to the event loops).
 */
export function engineThreadsFromEnv(env: Record<string, string | undefined>, cores = os.availableParallelism()): number {
  return positiveInteger(env, 'ENGINE_THREADS') ?? Math.max(1, Math.floor(cores / apiWorkersFromEnv(env, cores)));
}

/**
 * API_HEAP_MB: how large an API process's old generation may grow before V8's first full
 * garbage collection (V8's --initial-old-space-size), default 128. Left to itself, V8 sets
 * the next full collection a few MB above the live heap (about 50 MB in an API worker); a
 * busy worker promotes several MB a second, so it ran one every 0.6 s, and their concurrent
 * marking took 15–20% of a core (bench/api/README.md, nineteenth round). With 128 a
 * worker's resident memory is about 50 MB larger.
 */
export function apiHeapArgs(env: Record<string, string | undefined>): string[] {
  return [`--initial-old-space-size=${positiveInteger(env, 'API_HEAP_MB') ?? 128}`];
}

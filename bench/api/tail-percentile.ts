// A percentile over several wrk runs together. wrk prints each run's percentiles but not
// its histogram, so fleet-wrk's script prints each run's tail instead: its request count
// and its latency at p90, p90.1, … p99.9, p100 (TAIL_STEPS). Those give, for any latency
// L, at most how many of that run's requests took longer than L, and so the smallest L that
// at most (100 − p)% of all the runs' requests exceeded. Each run's share past L is
// rounded up to the next step, so the figure is never below the true one.

/** Percentiles a tail holds: 90, 90.1, … 100. */
export const TAIL_STEPS = Array.from({ length: 101 }, (_, k) => 90 + k / 10);

export interface Tail {
  requests: number;
  /** Latency at each of TAIL_STEPS, in the unit of the result. */
  at: number[];
}

/** The Lua `done` callback that prints a run's tail in µs, one line starting with TAIL. */
export const WRK_TAIL_SCRIPT = [
  'done = function(summary, latency, requests)',
  '  local q = {}',
  '  for k = 0, 100 do q[#q + 1] = latency:percentile(90 + k / 10) end',
  '  io.write("TAIL ", summary.requests, " ", table.concat(q, " "), "\\n")',
  'end',
].join('\n');

/** A run's TAIL line back as a Tail; null when the output has none. */
export function parseTail(wrkOutput: string): Tail | null {
  const line = /^TAIL ([\d. ]+)$/m.exec(wrkOutput);
  if (!line) return null;
  const [requests, ...at] = line[1].trim().split(' ').map(Number);
  if (at.length !== TAIL_STEPS.length) throw new Error(`a wrk tail of ${at.length} percentiles, expected ${TAIL_STEPS.length}`);
  return { requests, at };
}

/** Of a run's requests, the share that may have taken longer than `latency`. */
function shareAbove(tail: Tail, latency: number): number {
  let k = -1;
  while (k + 1 < tail.at.length && tail.at[k + 1] <= latency) k++;
  return k < 0 ? 1 : 1 - TAIL_STEPS[k] / 100;
}

/** The p-th percentile (90 ≤ p < 100) of all the runs' requests together. */
export function mergedPercentile(tails: readonly Tail[], p: number): number {
  if (!(p >= 90 && p < 100)) throw new RangeError(`a tail holds percentiles 90 to 100, not ${p}`);
  const total = tails.reduce((n, t) => n + t.requests, 0);
  if (total === 0) throw new RangeError('no requests to take a percentile of');
  const allowed = ((100 - p) / 100) * total;
  const candidates = [...new Set(tails.flatMap((t) => t.at))].sort((a, b) => a - b);
  // The share above a latency only falls as the latency grows: the first that is few enough.
  // The largest, every run's p100 or above it, always is.
  return candidates.find((latency) => tails.reduce((n, t) => n + t.requests * shareAbove(t, latency), 0) <= allowed + 1e-9)!;
}

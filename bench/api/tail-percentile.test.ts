import { describe, expect, it } from 'vitest';
import { mergedPercentile, parseTail, TAIL_STEPS, type Tail } from './tail-percentile';

/** The tail wrk would print for these latencies (nearest rank). */
function tailOf(latencies: number[]): Tail {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = TAIL_STEPS.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return { requests: sorted.length, at };
}

describe('mergedPercentile', () => {
  it('of one run is that run’s own percentile', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(mergedPercentile([tailOf(latencies)], 99)).toBe(990);
  });

  it('of runs alike is their percentile; one slow run of four moves the p99 of all only as far as its share', () => {
    const calm = Array.from({ length: 1000 }, (_, i) => (i < 990 ? 10 : 20)); // p99 10, the slowest 1% at 20
    expect(mergedPercentile([tailOf(calm), tailOf(calm)], 99)).toBe(10);
    const slow = Array.from({ length: 1000 }, (_, i) => (i < 980 ? 10 : 40)); // its own p99 is 40
    const all = [calm, calm, calm, slow];
    // 10 + 10 + 10 + 20 = 50 of 4,000 took over 10: more than 1%; 20 took over 20: 0.5%.
    expect(mergedPercentile(all.map(tailOf), 99)).toBe(20);
    expect(Math.max(...all.map((l) => mergedPercentile([tailOf(l)], 99)))).toBe(40);
  });

  it('weighs each run by its requests', () => {
    const big = Array.from({ length: 9000 }, () => 5);
    const small = Array.from({ length: 1000 }, (_, i) => (i < 900 ? 5 : 50)); // 10% of it slow: 1% of all
    expect(mergedPercentile([tailOf(big), tailOf(small)], 99)).toBe(5);
    expect(mergedPercentile([tailOf(big), tailOf(small)], 99.05)).toBe(50);
  });

  it('refuses a percentile outside the tail, and runs of no requests', () => {
    expect(() => mergedPercentile([tailOf([1, 2, 3])], 50)).toThrow(RangeError);
    expect(() => mergedPercentile([], 99)).toThrow(/no requests/);
  });
});

describe('parseTail', () => {
  it('reads the TAIL line among wrk’s output, and finds none where there is none', () => {
    const values = TAIL_STEPS.map((_, k) => 1000 + k);
    expect(parseTail(`Running 5s test\nTAIL 123 ${values.join(' ')}\nRequests/sec: 24.6\n`)).toEqual({ requests: 123, at: values });
    expect(parseTail('Requests/sec: 24.6\n')).toBeNull();
    expect(() => parseTail('TAIL 123 1 2 3\n')).toThrow(/3 percentiles/);
  });
});

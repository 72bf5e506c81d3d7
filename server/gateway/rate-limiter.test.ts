import { expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

it('allows n requests per key in any one-second span', () => {
  let now = 10_000;
  const limiter = createRateLimiter(() => now);
  const burst = (key: string, n: number) => Array.from({ length: n }, () => limiter.tryAcquire(key, 3));
  expect(burst('1:AssessQuality', 4)).toEqual([true, true, true, false]);
  expect(burst('1:CropImage', 3)).toEqual([true, true, true]);
  expect(burst('2:AssessQuality', 1)).toEqual([true]);
  now += 999;
  expect(limiter.tryAcquire('1:AssessQuality', 3)).toBe(false);
  now += 1;
  expect(burst('1:AssessQuality', 3)).toEqual([true, true, true]);
});

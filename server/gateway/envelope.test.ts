import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRequestId } from './envelope';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  afterEach(() => vi.useRealTimers());

  it('is a UUID version 7 whose first 48 bits are the wall-clock millisecond', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 1, 2, 3, 456), toFake: ['Date'] });
    const id = newRequestId();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 11, 2, 1, 2, 3, 456));
  });

  it('sorts by time across milliseconds and stays unique within one', () => {
    vi.useFakeTimers({ now: 1_764_637_323_456, toFake: ['Date'] });
    const sameMs = Array.from({ length: 1_000 }, newRequestId);
    vi.setSystemTime(1_764_637_323_457);
    const later = newRequestId();
    expect(new Set(sameMs).size).toBe(1_000);
    expect(sameMs.every((id) => id < later)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { LEASE_MIN_LIMIT, LEASE_MS, LeaseBook } from './leases';

const spends = (book: LeaseBook, n: number, key: string, limit: number, now: number) => Array.from({ length: n }, () => book.spend(key, limit, now)).filter(Boolean).length;

/** A book holding one lease of `slots` for 'k' at limit 1000, asked at t = 0. */
function leased(slots: number) {
  const book = new LeaseBook();
  spends(book, 4, 'k', 1000, 0);
  const { asks } = book.drain();
  book.granted(asks, [{ id: 7, slots }], 0);
  return book;
}

describe('a worker’s leases', () => {
  it('never leases a key limited below LEASE_MIN_LIMIT: those are decided call by call', () => {
    const book = new LeaseBook();
    expect(spends(book, 1000, 'k', LEASE_MIN_LIMIT - 1, 0)).toBe(0);
    expect(book.pending).toBe(false);
  });

  it('asks once a key made four calls, for as many as its rate fills in LEASE_MS', () => {
    const book = new LeaseBook();
    expect(spends(book, 3, 'k', 1000, 0)).toBe(0);
    expect(book.pending).toBe(false);
    book.spend('k', 1000, 0);
    // Four calls at once read as four per RATE_FLOOR_MS (25 ms): 16 per 100 ms.
    expect(book.drain()).toEqual({ asks: [{ key: 'k', limit: 1000, want: 16 }], returns: [] });
    // While the ask is out, none other is queued.
    spends(book, 10, 'k', 1000, 1);
    expect(book.pending).toBe(false);
  });

  it('does not ask for a key calling too slowly to fill a lease', () => {
    const book = new LeaseBook();
    // Five calls a second: four take 800 ms, a rate of 0.5 per 100 ms.
    for (let t = 0; t < 1000; t += 200) book.spend('k', 1000, t);
    expect(book.pending).toBe(false);
  });

  it('allows the calls a lease holds, asks for the next at half, and hands back what it used', () => {
    const book = leased(16);
    expect(spends(book, 8, 'k', 1000, 10)).toBe(8);
    // Eight calls in the 10 ms since the ask read as 32 per 100 ms.
    const { asks } = book.drain();
    expect(asks).toEqual([{ key: 'k', limit: 1000, want: 32 }]);
    expect(spends(book, 8, 'k', 1000, 11)).toBe(8);
    // Spent out, and the next not granted yet: the call goes to the primary.
    expect(book.spend('k', 1000, 11)).toBe(false);
    expect(book.drain().returns).toEqual([{ key: 'k', id: 7, used: 16 }]);
    book.granted(asks, [{ id: 8, slots: 32 }], 10);
    expect(spends(book, 40, 'k', 1000, 12)).toBe(32);
  });

  it('spends the lease granted first before the next', () => {
    const book = leased(8);
    expect(spends(book, 4, 'k', 1000, 1)).toBe(4);
    const { asks } = book.drain();
    expect(asks).toHaveLength(1);
    book.granted(asks, [{ id: 8, slots: 10 }], 1);
    expect(spends(book, 5, 'k', 1000, 2)).toBe(5);
    expect(book.drain().returns).toEqual([{ key: 'k', id: 7, used: 8 }]);
  });

  it('stops spending a lease when it ends, in its own clock from when the ask was sent', () => {
    const book = leased(100);
    expect(spends(book, 1, 'k', 1000, LEASE_MS - 1)).toBe(1);
    expect(book.spend('k', 1000, LEASE_MS)).toBe(false);
    expect(book.drain().returns).toEqual([{ key: 'k', id: 7, used: 1 }]);
  });

  it('hands back a lease granted under another limit, once the limit changed', () => {
    const book = leased(100);
    expect(book.spend('k', 2000, 1)).toBe(false);
    expect(book.drain().returns).toEqual([{ key: 'k', id: 7, used: 0 }]);
  });

  it('asks again only after LEASE_MS when the primary granted nothing or did not answer', () => {
    for (const answer of ['none', 'failed'] as const) {
      const book = new LeaseBook();
      spends(book, 4, 'k', 1000, 0);
      const { asks } = book.drain();
      if (answer === 'none') book.granted(asks, [{ id: 0, slots: 0 }], 0);
      else book.failed(asks, 0);
      expect(spends(book, 50, 'k', 1000, LEASE_MS - 1)).toBe(0);
      expect(book.pending).toBe(false);
      book.spend('k', 1000, LEASE_MS);
      expect(book.drain().asks).toHaveLength(1);
    }
  });

  it('hands back an ended lease nobody spends on the sweep, then forgets the idle key', () => {
    const book = leased(10);
    spends(book, 3, 'k', 1000, 1);
    expect(book.sweep(LEASE_MS - 1)).toBe(true);
    expect(book.pending).toBe(false);
    expect(book.sweep(LEASE_MS)).toBe(false);
    expect(book.drain().returns).toEqual([{ key: 'k', id: 7, used: 3 }]);
    book.sweep(1001);
    // Forgotten: four calls are needed again before it asks.
    expect(spends(book, 3, 'k', 1000, 1002)).toBe(0);
    expect(book.pending).toBe(false);
  });

  it('forgets keys that never got a lease, so memory follows the keys active in the last second', () => {
    const book = new LeaseBook();
    for (let i = 0; i < 1000; i++) book.spend(`${i}:AssessQuality`, 1000, 0);
    expect(book.keyCount).toBe(1000);
    book.spend('busy', 1000, 1001);
    expect(book.keyCount).toBe(1);
  });
});

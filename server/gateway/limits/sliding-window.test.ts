import { describe, expect, it } from 'vitest';
import { SlidingWindows } from './sliding-window';

describe('sliding window log', () => {
  it('allows the limit in any one-second span, not per wall-clock second', () => {
    const w = new SlidingWindows();
    // Three at 10.5 s: a fixed window would allow three more at 11.0 s, 2 × the limit in 0.5 s.
    expect([0, 1, 2, 3].map(() => w.take('1:AssessQuality', 3, 10_500))).toEqual([0, 0, 0, 1000]);
    expect(w.take('1:AssessQuality', 3, 11_000)).toBe(500);
    expect(w.take('1:AssessQuality', 3, 11_499)).toBe(1);
    expect(w.take('1:AssessQuality', 3, 11_500)).toBe(0);
  });

  it('frees slots one by one as the calls that took them age out', () => {
    const w = new SlidingWindows();
    expect(w.take('k', 2, 0)).toBe(0);
    expect(w.take('k', 2, 300)).toBe(0);
    expect(w.take('k', 2, 400)).toBe(600);
    expect(w.take('k', 2, 1000)).toBe(0);
    expect(w.take('k', 2, 1001)).toBe(299);
    expect(w.take('k', 2, 1300)).toBe(0);
  });

  it('keeps keys apart', () => {
    const w = new SlidingWindows();
    expect(w.take('1:DetectLabel', 1, 0)).toBe(0);
    expect(w.take('1:DetectLabel', 1, 0)).toBe(1000);
    expect(w.take('1:AssessQuality', 1, 0)).toBe(0);
    expect(w.take('2:DetectLabel', 1, 0)).toBe(0);
  });

  it('applies a raised or lowered limit to the next call', () => {
    const w = new SlidingWindows();
    for (let t = 0; t < 5; t++) expect(w.take('k', 5, t * 100)).toBe(0);
    expect(w.take('k', 5, 500)).toBe(500);
    expect(w.take('k', 6, 500)).toBe(0);
    // Six in the log, limit now 2: the fifth oldest (t = 400) must age out first.
    expect(w.take('k', 2, 600)).toBe(800);
    expect(w.take('k', 2, 1400)).toBe(0);
  });

  it('forgets idle keys, so memory follows the keys active in the last second', () => {
    const w = new SlidingWindows();
    for (let i = 0; i < 1000; i++) w.take(`${i}:AssessQuality`, 20, 0);
    expect(w.keys).toBe(1000);
    w.take('busy', 20, 1500);
    expect(w.keys).toBe(1);
  });

  it('keeps a busy key to its limit over a long run', () => {
    const w = new SlidingWindows();
    let allowed = 0;
    // 100 attempts per second for 60 s at limit 20: 20 per second, 1,200 in all.
    for (let t = 0; t < 60_000; t += 10) if (w.take('k', 20, t) === 0) allowed++;
    expect(allowed).toBe(1200);
  });

  describe('held slots (leases)', () => {
    it('counts a hold as all its slots while it lasts, and refuses only the one call then', () => {
      const w = new SlidingWindows();
      expect(w.hold('k', 4, 5, 0, 100)).toEqual({ id: 1, slots: 4 });
      expect(Array.from({ length: 7 }, () => w.take('k', 10, 0))).toEqual([0, 0, 0, 0, 0, 0, 1]);
    });

    it('grants no more than brings the key to `upTo`, and nothing at it', () => {
      const w = new SlidingWindows();
      for (let i = 0; i < 3; i++) w.take('k', 10, 0);
      expect(w.hold('k', 9, 5, 0, 100)).toEqual({ id: 1, slots: 2 });
      expect(w.hold('k', 9, 5, 0, 100)).toEqual({ id: 0, slots: 0 });
      expect(w.hold('other', 9, 5, 0, 100)).toEqual({ id: 2, slots: 5 });
    });

    it('logs the calls a hold was used for when it is handed back, and frees the rest then', () => {
      const w = new SlidingWindows();
      const { id } = w.hold('k', 4, 4, 0, 100);
      w.release('k', id, 1, 50);
      // One call logged at 50, counted until 1050; three slots free.
      expect(Array.from({ length: 4 }, () => w.take('k', 4, 60))).toEqual([0, 0, 0, 990]);
      expect(w.take('k', 4, 1049)).toBe(1);
      expect(w.take('k', 4, 1050)).toBe(0);
      // Handing back twice changes nothing: the three calls at 60 and this one fill the window.
      w.release('k', id, 4, 1050);
      expect(w.take('k', 4, 1050)).toBe(10);
    });

    it('counts a hold that ended without being handed back as fully used, from when it is noticed', () => {
      const w = new SlidingWindows();
      w.hold('k', 3, 3, 0, 100);
      expect(w.take('k', 4, 150)).toBe(0);
      expect(w.take('k', 4, 150)).toBe(1000);
      expect(w.take('k', 4, 1150)).toBe(0);
    });

    it('keeps a key while a slot of it is held', () => {
      const w = new SlidingWindows();
      w.hold('held', 2, 2, 0, 5000);
      w.take('busy', 20, 1500);
      expect(w.keys).toBe(2);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { advanceClock, appNow, cachedClock, ClockError, initClock, readClock, sandboxFromEnv } from './app-clock';

const T0 = Date.parse('2019-12-05T02:00:00Z');

/** A wall clock the test moves by hand. */
function fakeWall(start = Date.parse('2026-11-26T00:00:00Z')) {
  let t = start;
  const wall = () => t;
  wall.tick = (ms: number) => (t += ms);
  return wall;
}

describe('app clock', () => {
  it('a new sandbox database starts at CLOCK_START and keeps running from there', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: true, start: T0 }, wall);
    expect(appNow(db, wall)).toBe(T0);
    wall.tick(1500);
    expect(appNow(db, wall)).toBe(T0 + 1500);
  });

  it('without CLOCK_START, or outside sandbox mode, it is the wall clock', () => {
    const wall = fakeWall();
    const sandbox = openTestDb();
    initClock(sandbox, { sandbox: true }, wall);
    expect(appNow(sandbox, wall)).toBe(wall());
    const prod = openTestDb();
    initClock(prod, { sandbox: false, start: T0 }, wall);
    expect(appNow(prod, wall)).toBe(wall());
  });

  it('initialising again keeps the clock where it was', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: true, start: T0 }, wall);
    advanceClock(db, T0 + 86_400_000, wall);
    initClock(db, { sandbox: true, start: T0 }, wall);
    expect(appNow(db, wall)).toBe(T0 + 86_400_000);
  });

  it('moves forward and refuses to move backwards', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: true, start: T0 }, wall);
    const later = Date.parse('2020-01-01T01:30:00+08:00');
    expect(advanceClock(db, later, wall).now).toBe(later);
    expect(() => advanceClock(db, later - 1, wall)).toThrowError(ClockError);
    expect(() => advanceClock(db, later - 1, wall)).toThrowError('模拟时钟只能向前调整，不能回到过去');
    expect(appNow(db, wall)).toBe(later);
  });

  it('cannot be moved outside sandbox mode', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: false }, wall);
    expect(() => advanceClock(db, wall() + 1000, wall)).toThrowError('只有沙箱模式下才能调整模拟时钟');
  });

  it('a cached reader sees a jump made elsewhere within its max age', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: true, start: T0 }, wall);
    const now = cachedClock(db, 500, wall);
    expect(now()).toBe(T0);
    advanceClock(db, T0 + 3_600_000, wall);
    wall.tick(499);
    expect(now()).toBe(T0 + 499); // still cached
    wall.tick(1);
    expect(now()).toBe(T0 + 3_600_000 + 500); // the jump, plus the 500 ms the wall clock ran since
  });

  it('sandbox mode: on by default, off in production unless SANDBOX_CLOCK=1', () => {
    expect(sandboxFromEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe(true);
    expect(sandboxFromEnv({} as NodeJS.ProcessEnv)).toBe(true);
    expect(sandboxFromEnv({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBe(false);
    expect(sandboxFromEnv({ NODE_ENV: 'production', SANDBOX_CLOCK: '1' } as NodeJS.ProcessEnv)).toBe(true);
  });

  it('reading an uninitialised clock is a clear error', () => {
    expect(() => readClock(openTestDb())).toThrowError('应用时钟尚未初始化');
  });
});

describe('sandbox mode of an existing clock', () => {
  it('changes only when the caller applies the mode (server start), never from a CLI', () => {
    const db = openTestDb();
    const wall = fakeWall();
    initClock(db, { sandbox: false }, wall);
    initClock(db, { sandbox: true, applyMode: false }, wall);
    expect(readClock(db, wall).sandbox).toBe(false);
    initClock(db, { sandbox: true, applyMode: true }, wall);
    expect(readClock(db, wall).sandbox).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { advanceClock, appNow, ClockError, initClock, readClock, refreshingClock, sandboxFromEnv } from './app-clock';

const T0 = Date.parse('2019-12-05T02:00:00Z');

/** A wall clock the test moves by hand. */
function fakeWall(start = Date.parse('2026-11-26T00:00:00Z')) {
  let t = start;
  const wall = () => t;
  wall.tick = (ms: number) => (t += ms);
  return wall;
}

describe('app clock', () => {
  it('a new sandbox database starts at CLOCK_START and keeps running from there', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: true, start: T0 }, wall);
    expect(await appNow(db, wall)).toBe(T0);
    wall.tick(1500);
    expect(await appNow(db, wall)).toBe(T0 + 1500);
  });

  it('without CLOCK_START, or outside sandbox mode, it is the wall clock', async () => {
    const wall = fakeWall();
    const sandbox = await openTestDb();
    await initClock(sandbox, { sandbox: true }, wall);
    expect(await appNow(sandbox, wall)).toBe(wall());
    const prod = await openTestDb();
    await initClock(prod, { sandbox: false, start: T0 }, wall);
    expect(await appNow(prod, wall)).toBe(wall());
  });

  it('initialising again keeps the clock where it was', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: true, start: T0 }, wall);
    await advanceClock(db, T0 + 86_400_000, wall);
    await initClock(db, { sandbox: true, start: T0 }, wall);
    expect(await appNow(db, wall)).toBe(T0 + 86_400_000);
  });

  it('moves forward and refuses to move backwards', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: true, start: T0 }, wall);
    const later = Date.parse('2020-01-01T01:30:00+08:00');
    expect((await advanceClock(db, later, wall)).now).toBe(later);
    await expect(advanceClock(db, later - 1, wall)).rejects.toThrowError(ClockError);
    await expect(advanceClock(db, later - 1, wall)).rejects.toThrowError('模拟时钟只能向前调整，不能回到过去');
    expect(await appNow(db, wall)).toBe(later);
  });

  it('cannot be moved outside sandbox mode', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: false }, wall);
    await expect(advanceClock(db, wall() + 1000, wall)).rejects.toThrowError('只有沙箱模式下才能调整模拟时钟');
    expect((await readClock(db, wall)).offsetMs).toBe(0);
  });

  it('a refreshing reader answers from memory and sees a jump made elsewhere at its next refresh', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: true, start: T0 }, wall);
    const clock = await refreshingClock(db, wall);
    expect(clock.now()).toBe(T0);
    await advanceClock(db, T0 + 3_600_000, wall);
    wall.tick(499);
    expect(clock.now()).toBe(T0 + 499); // not refreshed yet
    await clock.refresh();
    expect(clock.now()).toBe(T0 + 3_600_000 + 499); // the jump, plus the 499 ms the wall clock ran since
  });

  it('sandbox mode: on by default, off in production unless SANDBOX_CLOCK=1', () => {
    expect(sandboxFromEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe(true);
    expect(sandboxFromEnv({} as NodeJS.ProcessEnv)).toBe(true);
    expect(sandboxFromEnv({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBe(false);
    expect(sandboxFromEnv({ NODE_ENV: 'production', SANDBOX_CLOCK: '1' } as NodeJS.ProcessEnv)).toBe(true);
  });

  it('reading an uninitialised clock is a clear error', async () => {
    await expect(readClock(await openTestDb())).rejects.toThrowError('应用时钟尚未初始化');
  });
});

describe('sandbox mode of an existing clock', () => {
  it('changes only when the caller applies the mode (server start), never from a CLI', async () => {
    const db = await openTestDb();
    const wall = fakeWall();
    await initClock(db, { sandbox: false }, wall);
    await initClock(db, { sandbox: true, applyMode: false }, wall);
    expect((await readClock(db, wall)).sandbox).toBe(false);
    await initClock(db, { sandbox: true, applyMode: true }, wall);
    expect((await readClock(db, wall)).sandbox).toBe(true);
  });
});

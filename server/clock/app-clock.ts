import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { appClock } from '@/db/schema';

// The app clock is the wall clock plus a persisted offset. In sandbox mode an operator can
// raise the offset (jump forward, like a billing test clock); it keeps running afterwards,
// so API calls made after a jump carry distinct times. It is never lowered.

export type WallClock = () => number;

export class ClockError extends Error {
  constructor(
    readonly code: 'CLOCK_BACKWARDS' | 'NOT_SANDBOX' | 'NOT_INITIALISED',
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}

export interface ClockState {
  now: number;
  sandbox: boolean;
  offsetMs: number;
}

/** Sandbox is on for the embedded set-up, off in production unless SANDBOX_CLOCK=1. */
export function sandboxFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SANDBOX_CLOCK === '1') return true;
  if (env.SANDBOX_CLOCK === '0') return false;
  return env.NODE_ENV !== 'production';
}

/**
 * Creates the clock row of a new database. An existing clock keeps its time; its sandbox
 * mode changes only when `applyMode` says this caller decides it (the server's start).
 */
export function initClock(db: DB, opts: { sandbox: boolean; start?: number; applyMode?: boolean }, wall: WallClock = Date.now): ClockState {
  const existing = db.select().from(appClock).where(eq(appClock.id, 1)).get();
  if (!existing) {
    const w = wall();
    const offsetMs = opts.sandbox && opts.start !== undefined ? opts.start - w : 0;
    db.insert(appClock).values({ id: 1, offsetMs, sandbox: opts.sandbox, updatedAt: w }).onConflictDoNothing().run();
  } else if (opts.applyMode !== false && existing.sandbox !== opts.sandbox) {
    // Leaving sandbox mode returns to the wall clock, but never to an earlier time.
    const offsetMs = opts.sandbox ? existing.offsetMs : Math.max(0, existing.offsetMs);
    db.update(appClock).set({ sandbox: opts.sandbox, offsetMs, updatedAt: wall() }).where(eq(appClock.id, 1)).run();
  }
  return readClock(db, wall);
}

export function readClock(db: DB, wall: WallClock = Date.now): ClockState {
  const row = db.select().from(appClock).where(eq(appClock.id, 1)).get();
  if (!row) throw new ClockError('NOT_INITIALISED', '应用时钟尚未初始化，请先运行数据库迁移');
  return { now: wall() + row.offsetMs, sandbox: row.sandbox, offsetMs: row.offsetMs };
}

export function appNow(db: DB, wall: WallClock = Date.now): number {
  return readClock(db, wall).now;
}

/** Moves the sandbox clock forward to `to` (epoch ms). Refuses to go backwards. */
export function advanceClock(db: DB, to: number, wall: WallClock = Date.now): ClockState {
  const state = readClock(db, wall);
  if (!state.sandbox) throw new ClockError('NOT_SANDBOX', '只有沙箱模式下才能调整模拟时钟');
  if (!Number.isFinite(to)) throw new ClockError('CLOCK_BACKWARDS', '无效的时间');
  if (to < state.now) throw new ClockError('CLOCK_BACKWARDS', '模拟时钟只能向前调整，不能回到过去');
  const w = wall();
  db.update(appClock).set({ offsetMs: to - w, updatedAt: w }).where(eq(appClock.id, 1)).run();
  return readClock(db, wall);
}

/**
 * A cached reader for hot paths (the API): the clock row is re-read at most every
 * `maxAgeMs`, which bounds how late a process sees a jump made by another process.
 */
export function cachedClock(db: DB, maxAgeMs = 500, wall: WallClock = Date.now): () => number {
  let offset = 0;
  let readAt = -Infinity;
  return () => {
    const w = wall();
    if (w - readAt >= maxAgeMs) {
      offset = readClock(db, wall).offsetMs;
      readAt = w;
    }
    return w + offset;
  };
}

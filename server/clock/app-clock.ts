import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { affectedRows } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
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

async function clockRow(db: Db) {
  const [row] = await db.select().from(appClock).where(eq(appClock.id, 1)).limit(1);
  return row;
}

/**
 * Creates the clock row of a new database. An existing clock keeps its time; its sandbox
 * mode changes only when `applyMode` says this caller decides it (the server's start).
 */
export async function initClock(db: Db, opts: { sandbox: boolean; start?: number; applyMode?: boolean }, wall: WallClock = Date.now): Promise<ClockState> {
  await transaction(db, async (tx) => {
    const existing = await clockRow(tx);
    if (!existing) {
      const w = wall();
      const offsetMs = opts.sandbox && opts.start !== undefined ? opts.start - w : 0;
      // Several processes may start on a new database at once: the first row wins.
      await tx.insert(appClock).values({ id: 1, offsetMs, sandbox: opts.sandbox, updatedAt: w }).onConflictDoNothing();
    } else if (opts.applyMode !== false && existing.sandbox !== opts.sandbox) {
      // Leaving sandbox mode returns to the wall clock, but never to an earlier time.
      const offsetMs = opts.sandbox ? existing.offsetMs : Math.max(0, existing.offsetMs);
      await tx.update(appClock).set({ sandbox: opts.sandbox, offsetMs, updatedAt: wall() }).where(eq(appClock.id, 1));
    }
  });
  return readClock(db, wall);
}

export async function readClock(db: Db, wall: WallClock = Date.now): Promise<ClockState> {
  const row = await clockRow(db);
  if (!row) throw new ClockError('NOT_INITIALISED', '应用时钟尚未初始化，请先运行数据库迁移');
  return { now: wall() + row.offsetMs, sandbox: row.sandbox, offsetMs: row.offsetMs };
}

export async function appNow(db: Db, wall: WallClock = Date.now): Promise<number> {
  return (await readClock(db, wall)).now;
}

/** Moves the sandbox clock forward to `to` (epoch ms). Refuses to go backwards. */
export async function advanceClock(db: Db, to: number, wall: WallClock = Date.now): Promise<ClockState> {
  const state = await readClock(db, wall);
  if (!state.sandbox) throw new ClockError('NOT_SANDBOX', '只有沙箱模式下才能调整模拟时钟');
  if (!Number.isFinite(to)) throw new ClockError('CLOCK_BACKWARDS', '无效的时间');
  if (to < state.now) throw new ClockError('CLOCK_BACKWARDS', '模拟时钟只能向前调整，不能回到过去');
  const w = wall();
  // Conditional UPDATE: two movers at once cannot move the clock back, nor move a clock
  // that left sandbox mode since it was read.
  const moved = await transaction(db, async (tx) =>
    affectedRows(
      await tx
        .update(appClock)
        .set({ offsetMs: to - w, updatedAt: w })
        .where(and(eq(appClock.id, 1), eq(appClock.sandbox, true), lte(appClock.offsetMs, to - w))),
    ),
  );
  if (moved === 0) throw new ClockError('CLOCK_BACKWARDS', '模拟时钟只能向前调整，不能回到过去');
  return readClock(db, wall);
}

/** The app clock of a hot path (the API): `now()` never waits on the database. */
export interface RefreshingClock {
  now(): number;
  /** Re-reads the offset; run it every ≤ 500 ms so a jump made elsewhere is seen within that. */
  refresh(): Promise<void>;
}

/** Reads the clock once, then answers from memory until the next refresh. */
export async function refreshingClock(db: Db, wall: WallClock = Date.now): Promise<RefreshingClock> {
  let offset = (await readClock(db, wall)).offsetMs;
  return {
    now: () => wall() + offset,
    async refresh() {
      offset = (await readClock(db, wall)).offsetMs;
    },
  };
}

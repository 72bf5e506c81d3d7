import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseUrl, storeKindOf } from '@/db/store';

// Exactly one scheduler acts at a time, however many run (SPEC §12): each tick a scheduler
// first makes sure it holds a lock that dies with its holder, and only then runs due jobs.
// The jobs are idempotent anyway (scheduler.ts), so the lock is about not doing the work
// twice, not about correctness; but it must be released by the holder's death alone, with
// no lease to wait out, so a standby takes over at its next tick.
//
// PostgreSQL: a session advisory lock on a connection of its own: the server drops it when
// that connection ends, which a killed process's socket does at once (across hosts, TCP
// keepalive notices a vanished host).
// SQLite (one machine): the write lock of a small file beside the database, held by an
// open BEGIN IMMEDIATE: the kernel drops the file lock when the process dies. Not the
// database's own write lock: holding that would stop every other process writing.

/** Arbitrary, fixed: the advisory lock key of "the scheduler" (the migration lock is 7263001). */
export const SCHEDULER_LOCK_KEY = 7263003;

export interface SchedulerLock {
  /** Whether this process holds the lock now, taking it if it is free. Never throws. */
  hold(): Promise<boolean>;
  /** Lets the lock go (a standby takes it at its next tick). */
  release(): Promise<void>;
}

export function schedulerLock(url: string = databaseUrl()): SchedulerLock {
  return storeKindOf(url) === 'pg' ? pgAdvisoryLock(url) : sqliteFileLock(`${url}.scheduler-lock`);
}

function pgAdvisoryLock(url: string): SchedulerLock {
  let client: pg.Client | null = null;
  let held = false;
  const drop = () => {
    const c = client;
    client = null;
    held = false;
    c?.end().catch(() => {});
  };
  return {
    async hold() {
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: url, keepAlive: true });
          // A dropped connection takes the lock with it: stop acting, reconnect next tick.
          c.on('error', () => {
            if (client === c) drop();
          });
          await c.connect();
          client = c;
        }
        if (held) {
          await client.query('SELECT 1'); // still connected, so still holding
        } else {
          const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SCHEDULER_LOCK_KEY]);
          held = rows[0].ok;
        }
      } catch {
        drop();
      }
      return held;
    },
    async release() {
      const c = client;
      client = null;
      held = false;
      await c?.end().catch(() => {});
    },
  };
}

function sqliteFileLock(file: string): SchedulerLock {
  let connection: Database.Database | null = null;
  return {
    async hold() {
      try {
        connection ??= new Database(file, { timeout: 0 });
        if (!connection.inTransaction) connection.exec('BEGIN IMMEDIATE');
        return true;
      } catch {
        return false; // SQLITE_BUSY: another scheduler holds it
      }
    },
    async release() {
      connection?.close(); // closing ends the transaction, and with it the file lock
      connection = null;
    },
  };
}

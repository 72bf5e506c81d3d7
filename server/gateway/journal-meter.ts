import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locationOf, type Db } from '@/db/client';
import { databaseUrl, dataDirOf, redactedUrl, storeKindOf } from '@/db/store';
import { createThreadPool } from '@/server/threads/pool';
import { startTsWorker } from '@/server/threads/ts-worker';
import type { SegmentFile } from './meter-segment';
import { meterRecord, type Meter } from './metering';

// Metering that answers before the calls are on the books: each event-loop turn's answered
// calls are appended to a journal file of this process (one write(2), no fsync: the page
// cache outlives a SIGKILL of the process, like SQLite's unsynced WAL does), and every
// `intervalMs` the journal so far is handed, as a file, to the process's metering thread,
// which reads it, meters it in one transaction (meter-segment.ts) and deletes it. The
// request thread keeps no record of a call past its write: holding them until the flush,
// and the flush itself, cost it about 7% of its throughput (bench/api/README.md, eleventh
// round).
// A process that dies leaves its journal behind; any meter on the host metering into the
// same database finds it, claims it (an atomic rename) and meters what is not on the books
// yet, so every answered call is metered exactly once. The group commit it replaces paid a
// transaction per turn of ~16 calls; this one pays one per interval of thousands
// (bench/api/README.md, "Issue 12, eighth round").

/** `METER_JOURNAL_DIR=none`: every call metered in a transaction before its answer, as without a journal. */
export const NO_JOURNAL = 'none';

/**
 * Where `npm start`'s API workers journal by default: a folder of the data folder per
 * database, so that meters recover only journals of the database they meter into.
 */
export function defaultJournalDir(env: NodeJS.ProcessEnv): string {
  const url = databaseUrl(env);
  const id = storeKindOf(url) === 'pg' ? redactedUrl(url) : path.resolve(url);
  return path.join(dataDirOf(url), 'meter-journal', createHash('sha256').update(id).digest('hex').slice(0, 12));
}

export interface JournalMeterOptions {
  /** The journal directory: one per database, on this host's disk (never shared between hosts). */
  dir: string;
  /** How long an answered call may wait to be on the books. */
  intervalMs: number;
  /** How requests that billing may still refuse are metered: before their answer (createMeter). */
  refusable: Meter;
}

export interface JournalMeter {
  meter: Meter;
  /** Meters everything journaled now (what the interval does). */
  flush(): Promise<void>;
  /** Stops the timers and meters what is left; a journal that cannot be metered now stays for the next process. */
  stop(): Promise<void>;
}

/** A journal whose owner has not touched its heartbeat for this long is an orphan, whatever its pid. */
const STALE_MS = 10_000;
const HEARTBEAT_MS = 2_000;

const meterThreadFile = () => path.join(path.dirname(fileURLToPath(import.meta.url)), /*turbopackIgnore: true*/ 'meter-thread.ts');

const ownerName = () => `${os.hostname().replace(/[^A-Za-z0-9-]/g, '-')}_${process.pid}_${randomBytes(4).toString('hex')}`;

function parseOwner(owner: string): { host: string; pid: number } | null {
  const m = /^([A-Za-z0-9-]*)_(\d+)_[0-9a-f]+$/.exec(owner);
  return m ? { host: m[1], pid: Number(m[2]) } : null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeAll(fd: number, buf: Buffer) {
  for (let done = 0; done < buf.length; ) done += fs.writeSync(fd, buf, done);
}

export function createJournalMeter(db: Db, opts: JournalMeterOptions): JournalMeter {
  const { dir, intervalMs } = opts;
  fs.mkdirSync(dir, { recursive: true });
  const me = ownerName();
  const host = me.slice(0, me.indexOf('_'));
  const heartbeat = path.join(dir, `${me}.alive`);
  fs.writeFileSync(heartbeat, '');
  let seq = 0;
  const segmentFile = () => path.join(dir, `${me}.${++seq}.jsonl`);

  const openSegment = () => {
    const file = segmentFile();
    return { file, fd: fs.openSync(file, 'a'), bytes: 0 };
  };
  let current = openSegment();
  /** Segments to meter, oldest first; `replay`: some of it may be on the books already. */
  const toMeter: Omit<SegmentFile, 'dir'>[] = [];
  // Started by the first segment, not with the process: loading it at once would slow a
  // worker's start, while the calls wait; one that dies is replaced on the next segment
  // (threads/pool.ts).
  const thread = createThreadPool<SegmentFile>(1, () => startTsWorker(meterThreadFile(), locationOf(db)));

  interface Turn {
    lines: string[];
    /** Settles once the turn's lines are in the file: every call of the turn awaits it. */
    written: Promise<void>;
    resolve(): void;
    reject(err: unknown): void;
  }
  let turn: Turn | null = null;
  function newTurn(): Turn {
    let settle!: Pick<Turn, 'resolve' | 'reject'>;
    const written = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    return { lines: [], written, ...settle };
  }

  // One write a turn, before any of the turn's answers: a call is answered only once its
  // line is in the file.
  function writeTurn() {
    if (!turn) return;
    const { lines, resolve, reject } = turn;
    turn = null;
    const buf = Buffer.from(lines.join(''));
    try {
      writeAll(current.fd, buf);
    } catch (err) {
      // Lines of this turn may be in the file; cut them off, so none of its calls, answered
      // with an error, is metered. If even that fails, the uncaught error ends the process
      // and its calls go unanswered, as with a kill.
      fs.ftruncateSync(current.fd, current.bytes);
      return reject(err);
    }
    current.bytes += buf.length;
    resolve();
  }

  const meter: Meter = (input) => {
    if (input.refusable) return opts.refusable(input);
    if (!turn) {
      turn = newTurn();
      setImmediate(writeTurn);
    }
    // Its 请求日志 latency ends as it is journaled: from then on the call is safe.
    turn.lines.push(`${JSON.stringify(meterRecord(input, performance.now()))}\n`);
    return turn.written;
  };

  function rotate() {
    writeTurn();
    if (current.bytes === 0) return;
    fs.closeSync(current.fd);
    toMeter.push({ file: current.file, replay: false });
    current = openSegment();
  }

  async function meterJournal() {
    try {
      rotate();
      while (toMeter.length > 0) {
        await thread.run({ dir, ...toMeter[0] });
        toMeter.shift();
      }
      failing = false;
    } catch (err) {
      // The thread may have committed some of it before it failed or died: retried, it skips those.
      if (toMeter.length > 0) toMeter[0].replay = true;
      if (!failing) console.error('[api] metering the journal failed; retrying every interval, the calls stay journaled', err);
      failing = true;
    }
  }

  let metering: Promise<void> | null = null;
  let failing = false;
  function flush(): Promise<void> {
    metering ??= meterJournal().finally(() => {
      metering = null;
    });
    return metering;
  }

  function isOrphan(owner: string): boolean {
    const parsed = parseOwner(owner);
    if (!parsed) return false;
    if (parsed.host === host && !pidAlive(parsed.pid)) return true;
    try {
      return Date.now() - fs.statSync(path.join(dir, `${owner}.alive`)).mtimeMs > STALE_MS;
    } catch {
      return true; // its owner removed it on stopping: what is left was not metered then
    }
  }

  /** Claims the journals of owners that are gone, to meter them with this process's own. */
  function adoptOrphans() {
    const orphans = new Map<string, boolean>();
    for (const name of fs.readdirSync(dir)) {
      const m = /^(.+)\.(\d+)\.jsonl$/.exec(name);
      if (!m || m[1] === me) continue;
      let orphan = orphans.get(m[1]);
      if (orphan === undefined) orphans.set(m[1], (orphan = isOrphan(m[1])));
      if (!orphan) continue;
      const claimed = segmentFile();
      try {
        fs.renameSync(path.join(dir, name), claimed);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // another process claimed it first
        throw err;
      }
      toMeter.push({ file: claimed, replay: true });
    }
    for (const [owner, orphan] of orphans) if (orphan) fs.rmSync(path.join(dir, `${owner}.alive`), { force: true });
  }

  const beat = () => {
    try {
      const now = new Date();
      fs.utimesSync(heartbeat, now, now);
      adoptOrphans();
    } catch (err) {
      console.error('[api] the metering journal’s heartbeat failed', err);
    }
  };
  beat();
  const timers = [setInterval(() => void flush(), intervalMs), setInterval(beat, HEARTBEAT_MS)];
  for (const t of timers) t.unref();
  let stopped = false;

  return {
    meter,
    flush,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      await metering;
      beat(); // a worker killed since the last heartbeat may have left a journal
      await flush();
      await thread.stop();
      fs.closeSync(current.fd);
      if (current.bytes === 0) fs.rmSync(current.file, { force: true });
      fs.rmSync(heartbeat, { force: true });
    },
  };
}

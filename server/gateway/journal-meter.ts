import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@/db/client';
import { isForeignKeyViolation } from '@/db/kernel/results';
import { NotFoundError } from '@/db/not-found';
import { databaseUrl, dataDirOf, redactedUrl, storeKindOf } from '@/db/store';
import { BillingError } from '@/server/billing';
import { journalLine, parseJournal } from './journal-line';
import { meterRecord, meterRecords, type Meter, type MeterRecord } from './metering';

// Metering that answers before the calls are on the books: each event-loop turn's answered
// calls are appended to a journal file of this process (one write(2), no fsync: the page
// cache outlives a SIGKILL of the process, like SQLite's unsynced WAL does), and every
// `intervalMs` the journal so far is metered in one transaction (meterRecords) and deleted.
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
/** Calls per metering transaction, so a journal left by a long outage is metered in bounded steps. */
const RECORDS_PER_TRANSACTION = 5_000;

interface Segment {
  file: string;
  /**
   * What this process wrote to it, one string a turn: parsed only as it is metered. Thousands
   * of records living for an interval were what a busy worker's young collections copied
   * and promoted (bench/api/README.md, twentieth round). An orphan's is read from its file.
   */
  texts?: string[];
  records?: MeterRecord[];
  /** Some of it may be on the books already (another process's, or a transaction that failed after another committed). */
  replay: boolean;
}

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

/** A refusal that would refuse the same records again, unlike a database that is down. */
const isRefusal = (err: unknown) => err instanceof BillingError || err instanceof NotFoundError || err instanceof RangeError || isForeignKeyViolation(err);

export function createJournalMeter(db: Db, opts: JournalMeterOptions): JournalMeter {
  const { dir, intervalMs } = opts;
  fs.mkdirSync(dir, { recursive: true });
  const me = ownerName();
  const host = me.slice(0, me.indexOf('_'));
  const heartbeat = path.join(dir, `${me}.alive`);
  fs.writeFileSync(heartbeat, '');
  let seq = 0;
  const segmentFile = () => path.join(dir, `${me}.${++seq}.journal`);

  const openSegment = () => {
    const file = segmentFile();
    return { file, fd: fs.openSync(file, 'a'), bytes: 0, texts: [] as string[] };
  };
  let current = openSegment();
  const toMeter: Segment[] = [];

  /** This turn's lines, and the one promise its calls wait on: they are answered together. */
  let turn: { lines: string[]; written: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | null = null;

  // One write a turn, before any of the turn's answers: a call is answered only once its
  // line is in the file.
  function writeTurn() {
    if (!turn) return;
    const { lines, resolve, reject } = turn;
    turn = null;
    const text = lines.join('');
    const buf = Buffer.from(text);
    try {
      writeAll(current.fd, buf);
    } catch (err) {
      // Lines of this turn may be in the file; cut them off, so none of its calls, answered
      // with an error, is metered. If even that fails, the uncaught error ends the process
      // and its calls go unanswered, as with a kill.
      fs.ftruncateSync(current.fd, current.bytes);
      reject(err);
      return;
    }
    current.bytes += buf.length;
    current.texts.push(text);
    resolve();
  }

  function newTurn() {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const written = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    setImmediate(writeTurn);
    return { lines: [], written, resolve, reject };
  }

  const meter: Meter = (input) => {
    if (input.refusable) return opts.refusable(input);
    // Its 请求日志 latency ends as it is journaled: from then on the call is safe.
    turn ??= newTurn();
    turn.lines.push(journalLine(meterRecord(input, performance.now())));
    // One promise a turn, not one a call: the turn's write answers all of them alike.
    return turn.written;
  };

  function rotate() {
    writeTurn();
    if (current.bytes === 0) return;
    fs.closeSync(current.fd);
    toMeter.push({ file: current.file, texts: current.texts, replay: false });
    current = openSegment();
  }

  /** Records refused alone are set aside with an error in the log, so they cannot hold up the rest. */
  async function meterOneByOne(records: readonly MeterRecord[]) {
    for (const record of records) {
      try {
        await meterRecords(db, [record], { served: true, replay: true });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        fs.appendFileSync(path.join(dir, 'refused.jsonl'), `${JSON.stringify({ record, error: String(err) })}\n`);
        console.error(`[api] an answered call could not be metered and was set aside in ${dir}/refused.jsonl`, err);
      }
    }
  }

  async function meterSegment(segment: Segment) {
    segment.records ??= parseJournal(segment.texts?.join('') ?? fs.readFileSync(segment.file, 'utf8'));
    segment.texts = undefined;
    while (segment.records.length > 0) {
      const chunk = segment.records.slice(0, RECORDS_PER_TRANSACTION);
      try {
        await meterRecords(db, chunk, { served: true, replay: segment.replay });
      } catch (err) {
        // Whatever happens next, some of the segment may be on the books: retried, it skips those.
        segment.replay = true;
        if (!isRefusal(err)) throw err;
        await meterOneByOne(chunk);
      }
      segment.records = segment.records.slice(chunk.length);
    }
    fs.rmSync(segment.file, { force: true });
  }

  async function meterJournal() {
    try {
      rotate();
      while (toMeter.length > 0) {
        await meterSegment(toMeter[0]);
        toMeter.shift();
      }
      failing = false;
    } catch (err) {
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
      // .jsonl: a journal of JSON lines, as versions before the tab-separated one wrote them.
      const m = /^(.+)\.(\d+)\.(?:journal|jsonl)$/.exec(name);
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
      fs.closeSync(current.fd);
      if (current.bytes === 0) fs.rmSync(current.file, { force: true });
      fs.rmSync(heartbeat, { force: true });
    },
  };
}

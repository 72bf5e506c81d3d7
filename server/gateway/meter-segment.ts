import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { isForeignKeyViolation } from '@/db/kernel/results';
import { NotFoundError } from '@/db/not-found';
import { BillingError } from '@/server/billing';
import { meterRecords, type MeterRecord } from './metering';

// Metering one segment of a journal (journal-meter.ts): the records of its complete lines,
// in transactions of a bounded size, then the file is deleted. Runs on the API process's
// metering thread (meter-thread.ts).

/** Calls per metering transaction, so a journal left by a long outage is metered in bounded steps. */
const RECORDS_PER_TRANSACTION = 5_000;

export interface SegmentFile {
  /** The journal directory: a refused call is set aside in its refused.jsonl. */
  dir: string;
  file: string;
  /** Some of it may be on the books already (another process's, or a transaction that failed after another committed). */
  replay: boolean;
}

/** The complete lines of a journal: a line cut short by a kill was never answered. */
export function readJournal(file: string): MeterRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as MeterRecord);
}

/** A refusal that would refuse the same records again, unlike a database that is down. */
const isRefusal = (err: unknown) => err instanceof BillingError || err instanceof NotFoundError || err instanceof RangeError || isForeignKeyViolation(err);

/** Records refused alone are set aside with an error in the log, so they cannot hold up the rest. */
async function meterOneByOne(db: Db, dir: string, records: readonly MeterRecord[]) {
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

/**
 * Meters every call of the segment that is not on the books yet, then deletes it. A
 * segment already gone was metered and deleted before (by a thread that died before it
 * could say so). Throws, leaving the file, if the database cannot take it now: retried
 * later with `replay`, it skips what this attempt got on the books.
 */
export async function meterSegmentFile(db: Db, { dir, file, replay }: SegmentFile): Promise<void> {
  let records: MeterRecord[];
  try {
    records = readJournal(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (let done = 0; done < records.length; done += RECORDS_PER_TRANSACTION) {
    const chunk = records.slice(done, done + RECORDS_PER_TRANSACTION);
    try {
      await meterRecords(db, chunk, { served: true, replay });
    } catch (err) {
      // Whatever happens next, some of the segment may be on the books: retried, it skips those.
      replay = true;
      if (!isRefusal(err)) throw err;
      await meterOneByOne(db, dir, chunk);
    }
  }
  fs.rmSync(file, { force: true });
}

import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type OpenOptions } from '@/db/client';
import type { PoolReply } from '@/server/threads/pool';
import { meterSegmentFile, type SegmentFile } from './meter-segment';

// An API process's metering thread (journal-meter.ts): meters the journal segments it is
// handed, one at a time, on a connection of its own, so that neither the metering
// transaction nor the records it reads cost the request thread anything.

const { url, opts } = workerData as { url: string; opts: OpenOptions };
// One segment at a time: one connection is all a PostgreSQL pool here ever uses.
const db = openDb(url, { ...opts, poolMax: 1 });

parentPort!.on('message', async ({ id, ...segment }: SegmentFile & { id: number }) => {
  let reply: PoolReply;
  try {
    await meterSegmentFile(db, segment);
    reply = { id, result: null };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});

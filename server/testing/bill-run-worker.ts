// A separate process running the bill run of a month against a shared database, for the
// concurrency test: `DATABASE_URL=<file or postgres:// URL> node --import tsx bill-run-worker.ts <month> <now> <accounts per transaction> <start at epoch ms>`.
// Prints the run's summary as JSON.
import { closeDb, openDb } from '@/db/client';
import { billRun } from '@/server/billing/bill-run';
import { untilStartLine } from './start-line';

const [month, now, perTransaction, startAt] = process.argv.slice(2);

async function main() {
  const db = openDb();
  await untilStartLine(Number(startAt));
  const summary = await billRun(db, month, Number(now), { accountsPerTransaction: Number(perTransaction) });
  await closeDb(db);
  process.stdout.write(JSON.stringify(summary));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// A separate process metering calls against a shared database, for the concurrency test:
// `DATABASE_URL=<file or postgres:// URL> node --import tsx allocate-worker.ts <account id> <allocators> <calls each> <start at epoch ms> <app time>`.
// Waits until the start time so that all processes contend for the account together; its
// allocators run at once, each in a transaction of its own.
import { closeDb, openDb } from '@/db/client';
import { allocateCalls, type CallAllocation } from '@/server/billing/allocate-calls';
import { untilStartLine } from './start-line';

const [accountId, allocators, callsEach, startAt, appTime] = process.argv.slice(2).map(Number);

async function main() {
  const db = openDb();
  await untilStartLine(startAt);
  const results = await Promise.all(
    Array.from({ length: allocators }, () => allocateCalls(db, { accountId, item: 'label', count: callsEach, at: appTime })),
  );
  const total: Omit<CallAllocation, 'packIds'> = { free: 0, pack: 0, charged: 0 };
  for (const a of results) {
    total.free += a.free;
    total.pack += a.pack;
    total.charged += a.charged;
  }
  await closeDb(db);
  process.stdout.write(JSON.stringify(total));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

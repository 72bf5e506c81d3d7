// A separate process metering calls against a shared database file, for the concurrency
// test: `node --import tsx allocate-worker.ts <db file> <account id> <allocators> <calls each> <start at epoch ms> <app time>`.
// Waits until the start time so that all processes contend for the write lock together.
import { openDb } from '@/db/client';
import { allocateCalls, type CallAllocation } from '@/server/billing/allocate-calls';

const [file, accountId, allocators, callsEach, startAt, appTime] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [
  string, number, number, number, number, number,
];
const db = openDb(file);
while (Date.now() < startAt) {
  // spin: a timer would add its own latency to the start line
}
const total: Omit<CallAllocation, 'packIds'> = { free: 0, pack: 0, charged: 0 };
for (let i = 0; i < allocators; i++) {
  const a = allocateCalls(db, { accountId, item: 'label', count: callsEach, at: appTime });
  total.free += a.free;
  total.pack += a.pack;
  total.charged += a.charged;
}
process.stdout.write(JSON.stringify(total));

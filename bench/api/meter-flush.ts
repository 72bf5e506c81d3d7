// npx tsx bench/api/meter-flush.ts [requests=18] [flushes=500]
// One metering flush of the API's group commit (server/gateway/metering.ts meterRequests)
// in-process, on the store DATABASE_URL chooses: `requests` AssessQuality calls of one
// account per transaction, the batch a loaded server flushes (bench/api/README.md). Prints
// the CPU time (user + system, so a busy machine's waits do not count) per flush and per
// request; on SQLite also how much of it SQLite itself took (every statement timed on the
// writer connection) and the rest — the query builder and the transaction's JavaScript.
// usPerFlushMin and usPerFlushMedian are of chunks of 50 flushes: the minimum is the figure
// least touched by other work on a busy machine (compare two checkouts by it). On
// PostgreSQL also the round trips a flush waits for (BEGIN and COMMIT included; a query
// pipelined behind another shares its round trip), and when the server runs on this machine
// the CPU its processes used per request (/proc: the backends' work, the WAL writer's,
// autovacuum's), which on a machine shared with the API is throughput the API loses.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { closeDb } from '@/db/client';
import { sqliteConnectionOf } from '@/db/kernel/sqlite-connection';
import { STORE } from '@/db/store';
import { newRequestId } from '@/server/gateway/envelope';
import { meterRequests } from '@/server/gateway/metering';
import { createApiFixture } from './fixture';

const requests = Number(process.argv[2] ?? 18);
const flushes = Number(process.argv[3] ?? 500);
const CHUNK = 50;

/** CPU µs this process has used. */
function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Times every statement SQLite runs on this connection; returns the running total of CPU µs. */
function timeStatements(client: Database.Database): () => number {
  let us = 0;
  const timed = <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      const t0 = cpuUs();
      try {
        return run(...args);
      } finally {
        us += cpuUs() - t0;
      }
    };
  const seen = new WeakSet<Database.Statement>();
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => {
    const statement = prepare(source);
    if (!seen.has(statement)) {
      seen.add(statement);
      statement.run = timed(statement.run.bind(statement));
      statement.all = timed(statement.all.bind(statement));
      statement.get = timed(statement.get.bind(statement));
    }
    return statement;
  }) as Database.Database['prepare'];
  client.exec = timed(client.exec.bind(client));
  return () => us;
}

/** CPU µs used so far by this machine's postgres processes (and their reaped children); NaN if none runs here. */
function postgresCpuUs(): number {
  const tickUs = 1e6 / 100; // USER_HZ, 100 on Linux
  let ticks = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are 14–17 of stat.
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      found = true;
    } catch {
      // the process ended while being read
    }
  }
  return found ? ticks * tickUs : NaN;
}

/**
 * Counts the round trips node-postgres waits for: a query sent while another of its
 * client's is unanswered (pipeline mode, db/client.ts) shares that one's. Returns the
 * running total.
 */
function countRoundTrips(): () => number {
  let trips = 0;
  const unanswered = new WeakMap<object, number>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const waiting = unanswered.get(this) ?? 0;
    if (waiting === 0) trips++;
    unanswered.set(this, waiting + 1);
    const answered = () => unanswered.set(this, (unanswered.get(this) ?? 1) - 1);
    const result = query.apply(this, args);
    void Promise.resolve(result).then(answered, answered);
    return result;
  } as typeof pg.Client.prototype.query;
  return () => trips;
}

async function main() {
  const fixture = await createApiFixture({ port: 0 });
  const sqlUs = STORE === 'sqlite' ? timeStatements(sqliteConnectionOf(fixture.db).writerClient) : () => NaN;
  const roundTrips = STORE === 'pg' ? countRoundTrips() : () => NaN;
  const batch = () =>
    Array.from({ length: requests }, () => ({ requestId: newRequestId(), accountId: fixture.accountId, action: 'AssessQuality', calls: [{ item: 'quality' as const, count: 1 }], at: Date.now(), secretId: fixture.creds.secretId, receivedAt: performance.now() }));
  for (let i = 0; i < Math.min(200, flushes); i++) await meterRequests(fixture.db, batch()); // warm-up
  const sqlBefore = sqlUs();
  const tripsBefore = roundTrips();
  const postgresBefore = STORE === 'pg' ? postgresCpuUs() : NaN;
  const t0 = cpuUs();
  const chunks: number[] = [];
  for (let i = 0; i < flushes; i += CHUNK) {
    const c0 = cpuUs();
    for (let k = 0; k < CHUNK; k++) await meterRequests(fixture.db, batch());
    chunks.push((cpuUs() - c0) / CHUNK);
  }
  chunks.sort((a, b) => a - b);
  const totalUs = (cpuUs() - t0) / (chunks.length * CHUNK);
  const sqliteUs = (sqlUs() - sqlBefore) / flushes;
  const tripsPerFlush = (roundTrips() - tripsBefore) / flushes;
  const postgresUs = (postgresCpuUs() - postgresBefore) / (chunks.length * CHUNK * requests);
  console.log(
    JSON.stringify({
      store: STORE,
      requestsPerFlush: requests,
      flushes,
      usPerFlush: Math.round(totalUs),
      usPerFlushMin: Math.round(chunks[0]),
      usPerFlushMedian: Math.round(chunks[chunks.length >> 1]),
      usPerRequest: Number((totalUs / requests).toFixed(1)),
      sqliteUsPerFlush: Math.round(sqliteUs),
      restUsPerFlush: Math.round(totalUs - sqliteUs),
      roundTripsPerFlush: tripsPerFlush,
      postgresUsPerRequest: Number.isNaN(postgresUs) ? null : Number(postgresUs.toFixed(1)),
    }),
  );
  await closeDb(fixture.db);
  fs.rmSync(fixture.dir, { recursive: true, force: true });
}

void main();

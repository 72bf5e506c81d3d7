// The API server as the benchmark runs it: the production gateway, with switches that
// no other entry point reads, to price one part of the request path at a time:
//   BENCH_DISABLE_METERING=1     the metering transaction is swapped for nothing. The stand-in
//                                still answers one event-loop turn later, as the group commit
//                                does, so the difference is the database work alone;
//   BENCH_TOGGLE_METERING=1      metering as in production, switched to the stand-in above by
//                                SIGUSR2 and back by the next (run.ts's `toggle`: both sides
//                                in one process); one process only, not with API_WORKERS;
//   BENCH_DISABLE_REQUEST_LOG=1  no 请求日志 lines are kept (nor written);
//   BENCH_TOGGLE_LISTENING=1     each cluster worker closes its server on SIGUSR2 and listens
//                                again on the next: node:cluster then hands a closed worker no
//                                new connection (fleet-wrk.ts's `toggle`: one and two workers
//                                in the same processes);
//   BENCH_LOCAL_QPS=1            each worker keeps its own QPS windows, as one process does,
//                                instead of asking the cluster primary once per turn (the
//                                host-wide limit does not hold then: to price the IPC only).
// With API_WORKERS=n it is a node:cluster primary with n such workers on the port, keeping
// the host's QPS windows for them as `npm start`'s primary does (scripts/serve-backend.ts).
import nodeCluster from 'node:cluster';
import { closeDb, openDb, type Db } from '@/db/client';
import { createGateway, meterFromEnv, type GatewayOptions } from '@/server/gateway/gateway';
import type { Meter } from '@/server/gateway/metering';
import { defaultJournalDir } from '@/server/gateway/journal-meter';
import { createApiServer } from '@/server/gateway/http-server';
import { createRateLimiter } from '@/server/gateway/rate-limiter';
import { serveHostLimits } from '@/server/gateway/limits/host-limits';
import { openMigratedDb } from '@/server/setup';
import { positiveInteger } from '@/server/sizing';

const meteringOff: Meter = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Metering as in production until SIGUSR2, then off until the next, and so on. What was
 * journaled before a switch is metered on the journal's own timer, within METER_JOURNAL_MS
 * (run.ts waits twice that before the next slice).
 */
function toggledMeter(db: Db, env: NodeJS.ProcessEnv): { meter: Meter; stop?: () => Promise<void> } {
  const production = meterFromEnv(db, env);
  let on = true;
  process.on('SIGUSR2', () => (on = !on));
  return { meter: (input) => (on ? production.meter(input) : meteringOff(input)), stop: production.stop };
}

function benchOverrides(db: Db, env: NodeJS.ProcessEnv): { overrides: GatewayOptions; stop?: () => Promise<void> } {
  const overrides: GatewayOptions = {};
  let stop: (() => Promise<void>) | undefined;
  if (env.BENCH_DISABLE_METERING === '1') overrides.meter = meteringOff;
  if (env.BENCH_TOGGLE_METERING === '1') ({ meter: overrides.meter, stop } = toggledMeter(db, env));
  if (env.BENCH_DISABLE_REQUEST_LOG === '1') overrides.log = () => {};
  if (env.BENCH_LOCAL_QPS === '1') overrides.limiter = createRateLimiter();
  return { overrides, stop };
}

async function serve(db: Db) {
  const bench = benchOverrides(db, process.env);
  const gateway = await createGateway(db, bench.overrides);
  const server = createApiServer(gateway);
  const listen = () => server.listen(Number(process.env.API_PORT), '127.0.0.1');
  listen();
  if (nodeCluster.isWorker && process.env.BENCH_TOGGLE_LISTENING === '1') {
    let listening = true;
    process.on('SIGUSR2', () => {
      listening = !listening;
      if (listening) listen();
      else server.close();
    });
  }
  // What is still journaled is metered before the process ends, so the bench counts it.
  process.on('SIGTERM', () => server.close(() => void gateway.stop().then(bench.stop).finally(() => process.exit(0))));
}

async function main() {
  process.env.METER_JOURNAL_DIR ||= defaultJournalDir(process.env);
  const workers = positiveInteger(process.env, 'API_WORKERS');
  if (workers && process.env.BENCH_TOGGLE_METERING === '1') throw new Error('BENCH_TOGGLE_METERING switches one process: not with API_WORKERS');
  if (nodeCluster.isWorker) return serve(openDb());
  if (!workers) return serve(await openMigratedDb());
  await closeDb(await openMigratedDb());
  serveHostLimits();
  for (let i = 0; i < workers; i++) nodeCluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(nodeCluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The API server as the benchmark runs it: the production gateway, with two switches that
// no other entry point reads, to price one part of the request path at a time:
//   BENCH_DISABLE_METERING=1     the metering transaction is swapped for nothing. The stand-in
//                                still answers one event-loop turn later, as the group commit
//                                does, so the difference is the database work alone;
//   BENCH_DISABLE_REQUEST_LOG=1  no 请求日志 lines are kept (nor written);
//   BENCH_LOCAL_QPS=1            each worker keeps its own QPS windows, as one process does,
//                                instead of asking the cluster primary once per turn (the
//                                host-wide limit does not hold then: to price the IPC only).
// With API_WORKERS=n it is a node:cluster primary with n such workers on the port, keeping
// the host's QPS windows for them as `npm start`'s primary does (scripts/serve-backend.ts).
import nodeCluster from 'node:cluster';
import { closeDb, openDb, type Db } from '@/db/client';
import { createGateway, type GatewayOptions } from '@/server/gateway/gateway';
import { defaultJournalDir } from '@/server/gateway/journal-meter';
import { createApiServer } from '@/server/gateway/http-server';
import { createRateLimiter } from '@/server/gateway/rate-limiter';
import { serveHostLimits } from '@/server/gateway/limits/host-limits';
import { openMigratedDb } from '@/server/setup';
import { positiveInteger } from '@/server/sizing';

function benchOverrides(env: NodeJS.ProcessEnv): GatewayOptions {
  const overrides: GatewayOptions = {};
  if (env.BENCH_DISABLE_METERING === '1') overrides.meter = () => new Promise<void>((resolve) => setImmediate(resolve));
  if (env.BENCH_DISABLE_REQUEST_LOG === '1') overrides.log = () => {};
  if (env.BENCH_LOCAL_QPS === '1') overrides.limiter = createRateLimiter();
  return overrides;
}

async function serve(db: Db) {
  const gateway = await createGateway(db, benchOverrides(process.env));
  const server = createApiServer(gateway);
  server.listen(Number(process.env.API_PORT), '127.0.0.1');
  // What is still journaled is metered before the process ends, so the bench counts it.
  process.on('SIGTERM', () => server.close(() => void gateway.stop().finally(() => process.exit(0))));
}

async function main() {
  process.env.METER_JOURNAL_DIR ||= defaultJournalDir(process.env);
  const workers = positiveInteger(process.env, 'API_WORKERS');
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

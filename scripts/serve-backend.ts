// The back half of `npm start`: the API (a node:cluster primary and API_WORKERS workers on
// one port) and the scheduler (acting only while it holds the scheduler lock).
//   tsx scripts/serve-backend.ts [--role all|api|scheduler]     (all: the API and the scheduler)
// The primary does nothing but keep the host's QPS windows (limits/host-limits.ts), fork
// the workers and replace one that dies: a bill run or a detection in it would make every
// worker's limit question wait. The scheduler therefore runs in a process of its own.
import nodeCluster, { type Worker } from 'node:cluster';
import { closeDb, openDb } from '@/db/client';
import { ALL_JOBS } from '@/server/clock/jobs';
import { startScheduler } from '@/server/clock/scheduler';
import { schedulerLock } from '@/server/clock/scheduler-lock';
import { startInferenceWorker, stopInferenceWorker } from '@/server/engines/models/offload';
import { createGateway } from '@/server/gateway/gateway';
import { defaultJournalDir } from '@/server/gateway/journal-meter';
import { createApiServer } from '@/server/gateway/http-server';
import { serveHostLimits } from '@/server/gateway/limits/host-limits';
import { openMigratedDb } from '@/server/setup';
import { apiHeapArgs, apiWorkersFromEnv } from '@/server/sizing';

type Part = 'api' | 'scheduler';
const ROLES: Record<string, Part[]> = { all: ['api', 'scheduler'], api: ['api'], scheduler: ['scheduler'] };
/** Which part a forked process runs (set by the primary in its environment). */
const PART_ENV = 'IAC_BACKEND_PART';

function roleFromArgs(argv: string[]): Part[] {
  const i = argv.indexOf('--role');
  const role = i >= 0 ? argv[i + 1] : 'all';
  const parts = ROLES[role ?? ''];
  if (!parts) throw new Error(`--role must be one of ${Object.keys(ROLES).join(', ')} (the console runs from bootstrap.mjs), got ${role}`);
  return parts;
}

/** Ends the process when `stop` is done, or after 3 s whatever it waits for (bootstrap.mjs waits 4 s). */
function onShutdown(stop: () => Promise<unknown>) {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    void stop()
      .catch((err) => console.error('[backend] stopping failed', err))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function runApiWorker() {
  const port = Number(process.env.API_PORT ?? 3001);
  const host = process.env.HOST ?? '0.0.0.0';
  const db = openDb(); // the primary migrated it
  // Model inference runs beside the event loop, not on it (offload.ts); ENGINE_THREADS sizes it.
  startInferenceWorker();
  const gateway = await createGateway(db);
  // With REDIS_URL, the fleet's QPS windows must answer before the first call is let through.
  await gateway.limiter.ready?.();
  const server = createApiServer(gateway);
  server.listen(port, host);
  onShutdown(async () => {
    await new Promise((resolve) => server.close(resolve));
    await gateway.stop();
    await stopInferenceWorker();
    await closeDb(db);
  });
}

async function runScheduler() {
  const db = openDb();
  const stop = startScheduler(db, ALL_JOBS, { lock: schedulerLock() });
  // The scheduler's timer does not hold the process open (nor does an SQLite handle): this does, until shutdown.
  const alive = setInterval(() => {}, 1 << 30);
  onShutdown(async () => {
    clearInterval(alive);
    await stop();
    await closeDb(db);
  });
}

async function runPrimary(parts: Part[]) {
  const port = Number(process.env.API_PORT ?? 3001);
  // Once, before any worker opens the store: migrations, and the clock's mode from this environment.
  await closeDb(await openMigratedDb(process.env, { applyMode: true }));
  const apiWorkers = parts.includes('api') ? apiWorkersFromEnv(process.env) : 0;
  if (apiWorkers > 0) serveHostLimits();
  // Every forked process gets the heap setting, the scheduler too: a bill run allocates as freely.
  nodeCluster.setupPrimary({ execArgv: [...process.execArgv, ...apiHeapArgs(process.env)] });
  let shuttingDown = false;
  const fork = (part: Part): Worker => {
    const worker = nodeCluster.fork({ [PART_ENV]: part });
    worker.on('exit', (code, signal) => {
      if (shuttingDown) return;
      // Its requests in flight fail (their connections reset) unmetered: a call is answered
      // only once it is journaled, and its journal is metered by another worker.
      console.error(`[backend] ${part} worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another`);
      fork(part);
    });
    return worker;
  };
  let listening = 0;
  nodeCluster.on('listening', () => {
    if (++listening === apiWorkers) console.log(`API server listening on http://127.0.0.1:${port}/ (${apiWorkers} workers)`);
  });
  for (let i = 0; i < apiWorkers; i++) fork('api');
  if (parts.includes('scheduler')) fork('scheduler');
  onShutdown(async () => {
    shuttingDown = true;
    const workers = Object.values(nodeCluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  });
}

async function main() {
  // Answered calls wait in a journal beside the data folder until metered (journal-meter.ts).
  process.env.METER_JOURNAL_DIR ||= defaultJournalDir(process.env);
  if (nodeCluster.isWorker) return process.env[PART_ENV] === 'scheduler' ? runScheduler() : runApiWorker();
  const parts = roleFromArgs(process.argv.slice(2));
  // A scheduler host alone needs no cluster: this process is the scheduler.
  if (parts.length === 1 && parts[0] === 'scheduler') {
    await closeDb(await openMigratedDb(process.env, { applyMode: true }));
    return runScheduler();
  }
  return runPrimary(parts);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

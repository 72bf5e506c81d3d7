// The back half of `npm start`: the API server and the scheduler, in one process.
import { closeDb } from '@/db/client';
import { ALL_JOBS } from '@/server/clock/jobs';
import { startScheduler } from '@/server/clock/scheduler';
import { startInferenceWorker } from '@/server/engines/models/offload';
import { createGateway } from '@/server/gateway/gateway';
import { createApiServer } from '@/server/gateway/http-server';
import { openMigratedDb } from '@/server/setup';

async function main() {
  const port = Number(process.env.API_PORT ?? 3001);
  const host = process.env.HOST ?? '0.0.0.0';
  // One handle for both: on SQLite their transactions then queue for the writer inside this
  // process instead of waiting on each other through the file lock.
  const db = await openMigratedDb(process.env, { applyMode: true });
  const stopScheduler = startScheduler(db, ALL_JOBS);
  // Model inference runs beside the event loop, not on it: see offload.ts.
  startInferenceWorker();
  const gateway = await createGateway(db);
  const server = createApiServer(gateway);
  server.listen(port, host, () => console.log(`API server listening on http://127.0.0.1:${port}/`));

  const shutdown = () => {
    setTimeout(() => process.exit(0), 3000).unref();
    server.close(() => {
      void Promise.all([stopScheduler(), gateway.stop()])
        .then(() => closeDb(db))
        .finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

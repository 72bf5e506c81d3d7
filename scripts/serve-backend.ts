// The back half of `npm start`: the API server and the scheduler, in one process.
import { createGateway, openApiDb } from '@/server/gateway/gateway';
import { createApiServer } from '@/server/gateway/http-server';
import { ALL_JOBS } from '@/server/clock/jobs';
import { startScheduler } from '@/server/clock/scheduler';
import { startInferenceWorker } from '@/server/engines/models/offload';
import { openMigratedDb } from '@/server/setup';

const port = Number(process.env.API_PORT ?? 3001);
const host = process.env.HOST ?? '0.0.0.0';
const db = openMigratedDb(process.env, { applyMode: true });
const stopScheduler = startScheduler(db, ALL_JOBS);
// Model inference runs beside the event loop, not on it: see offload.ts.
startInferenceWorker();
const apiDb = openApiDb();
const server = createApiServer(createGateway(apiDb));
server.listen(port, host, () => console.log(`API server listening on http://127.0.0.1:${port}/`));

function shutdown() {
  stopScheduler();
  server.close(() => {
    apiDb.$client.close();
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// The API server as the benchmark runs it: the production gateway, except that
// BENCH_DISABLE_METERING=1 swaps the metering transaction for nothing, to price metering.
// No other entry point reads that flag. The stand-in still answers one event-loop turn
// later, as the group commit does, so the difference is the database work alone.
import { createGateway } from '@/server/gateway/gateway';
import { createApiServer } from '@/server/gateway/http-server';
import { openMigratedDb } from '@/server/setup';

async function main() {
  const db = await openMigratedDb();
  const meteringOff = process.env.BENCH_DISABLE_METERING === '1';
  const gateway = await createGateway(db, meteringOff ? { meter: () => new Promise<void>((resolve) => setImmediate(resolve)) } : {});
  const server = createApiServer(gateway);
  server.listen(Number(process.env.API_PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

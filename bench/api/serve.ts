// The API server as the benchmark runs it: the production gateway, except that
// BENCH_DISABLE_METERING=1 swaps the metering transaction for nothing, to price metering.
// No other entry point reads that flag. The stand-in still answers one event-loop turn
// later, as the group commit does, so the difference is the database work alone.
import { createGateway, openApiDb } from '@/server/gateway/gateway';
import { createApiServer } from '@/server/gateway/http-server';
import { openMigratedDb } from '@/server/setup';

openMigratedDb().$client.close();
const db = openApiDb();
const meteringOff = process.env.BENCH_DISABLE_METERING === '1';
const server = createApiServer(createGateway(db, meteringOff ? { meter: () => new Promise<void>((resolve) => setImmediate(resolve)) } : {}));
server.listen(Number(process.env.API_PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));

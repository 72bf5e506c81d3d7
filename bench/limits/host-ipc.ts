// npx tsx bench/limits/host-ipc.ts [seconds=5] [connections=32] [workers=2]
// What the host-wide QPS limit costs in IPC: a node:cluster primary keeping the windows
// (serveHostLimits) and `workers` HTTP workers on one port, each request asking
// createHostLimiter and answering at once (no other work, so this is the most messages per
// second a host can ask for). The load generator (bench/api/load.ts) runs as a process of
// its own. Three runs: one hot account, every call allowed (limit 1,000,000: decided from
// the leases the primary gives each worker, limits/leases.ts); 32 accounts, every call
// allowed (each key still busy enough for leases here, but each renews its own); and a
// flood (32 accounts at limit 20: never leased; most refusals are known and answered in
// the worker).
// Prints requests/s, IPC messages/s each way, calls per message, how long a call waited
// for its answer (p50/p99/max) and the calls the fallback decided (primary too slow).
import cluster from 'node:cluster';
import http from 'node:http';
import { createHostLimiter, HOST_TIMEOUT_MS, serveHostLimits } from '@/server/gateway/limits/host-limits';
import { createRateLimiter } from '@/server/gateway/rate-limiter';
import { freePortFor, percentile, runLoad } from './load-child';

const [seconds = 5, connections = 32, workers = 2] = process.argv.slice(2).map(Number);
const RUNS = [
  { name: 'one account, all allowed (limit 1,000,000)', limit: 1_000_000, accounts: 1 },
  { name: '32 accounts, all allowed (limit 1,000,000)', limit: 1_000_000, accounts: 32 },
  { name: 'flood (32 accounts at limit 20)', limit: 20, accounts: 32 },
];

interface WorkerReport {
  waits: number[];
  fallbacks: number;
  sync: number;
}

async function primary() {
  const port = await freePortFor();
  const host = serveHostLimits();
  const reports: WorkerReport[] = [];
  const forked = Array.from({ length: workers }, () => cluster.fork({ BENCH_PORT: String(port) }));
  await Promise.all(forked.map((w) => new Promise((r) => w.on('listening', r))));
  console.log(`${workers} workers, ${connections} connections, ${seconds} s per run; the primary's timeout ${HOST_TIMEOUT_MS} ms`);
  console.log('| run | requests/s | IPC messages/s each way | calls per message | answered in the worker | wait p50 ms | wait p99 ms | wait max ms | fallback decisions |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const run of RUNS) {
    reports.length = 0;
    for (const w of forked) w.send({ limit: run.limit, accounts: run.accounts });
    const before = host.stats();
    const load = await runLoad(port, seconds, connections);
    const after = host.stats();
    const collected = new Promise<void>((resolve) => {
      const onReport = (_w: unknown, msg: { report?: WorkerReport }) => {
        if (!msg.report) return;
        reports.push(msg.report);
        if (reports.length === workers) {
          cluster.off('message', onReport);
          resolve();
        }
      };
      cluster.on('message', onReport);
    });
    for (const w of forked) w.send({ report: true });
    await collected;
    const waits = reports.flatMap((r) => r.waits).sort((a, b) => a - b);
    const messages = after.messages - before.messages;
    const calls = after.calls - before.calls;
    const sync = reports.reduce((s, r) => s + r.sync, 0);
    const fallbacks = reports.reduce((s, r) => s + r.fallbacks, 0);
    const perSecond = (n: number) => Math.round(n / (load.elapsedMs / 1000)).toLocaleString('en');
    console.log(
      `| ${run.name} | ${perSecond(load.sent)} | ${perSecond(messages)} | ${(calls / messages).toFixed(1)} | ${((100 * sync) / load.sent).toFixed(0)}% | ${percentile(waits, 50).toFixed(2)} | ${percentile(waits, 99).toFixed(2)} | ${waits[waits.length - 1].toFixed(1)} | ${fallbacks} |`,
    );
  }
  for (const w of forked) w.kill();
  host.stop();
}

function worker() {
  let limit = 20;
  let accounts = 32;
  let report: WorkerReport = { waits: [], fallbacks: 0, sync: 0 };
  const limiter = createHostLimiter(createRateLimiter());
  const fallbacksBefore = () => limiter.status().fallbackDecisions;
  let fallbackBase = 0;
  process.on('message', (msg: { limit?: number; accounts?: number; report?: boolean }) => {
    if (msg.limit) {
      limit = msg.limit;
      accounts = msg.accounts ?? accounts;
      report = { waits: [], fallbacks: 0, sync: 0 };
      fallbackBase = fallbacksBefore();
    }
    if (msg.report) process.send!({ report: { ...report, fallbacks: fallbacksBefore() - fallbackBase } });
  });
  const answer = (res: http.ServerResponse, ok: boolean) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(ok ? '{"Response":{"RequestId":"r"}}' : '{"Response":{"RequestId":"r","Error":{"Code":"RequestLimitExceeded"}}}');
  };
  http
    .createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const key = `${Number(req.headers['x-account']) % accounts}:AssessQuality`;
        const t0 = performance.now();
        const acquired = limiter.tryAcquire(key, limit);
        if (typeof acquired === 'boolean') {
          report.sync++;
          return answer(res, acquired);
        }
        void acquired.then((ok) => {
          report.waits.push(performance.now() - t0);
          answer(res, ok);
        });
      });
    })
    .listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

if (cluster.isPrimary) {
  void primary().then(() => process.exit(0));
} else {
  worker();
}

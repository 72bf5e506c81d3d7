// npx tsx bench/api/run.ts [seconds=10] [connections=32] [side=64]
// Signed AssessQuality calls on a side×side PNG against the API server in its own process,
// with metering and with BENCH_DISABLE_METERING=1. The two servers run side by side and
// are loaded in alternating slices of one second, so a change in the machine's other load
// hits both alike; each gets `seconds` of load in total. Prints both and the ratio.
import fs from 'node:fs';
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { apiRequests } from '@/db/schema';
import { shapesImage } from '@/server/engines/sample-images';
import { createApiFixture, type ApiFixture } from './fixture';
import { percentile, runLoad, type LoadResult } from './load';
import { freePort, startServer, stopServer } from './server-process';
import { signer } from '@/server/gateway/client-signer';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 32);
const side = Number(process.argv[4] ?? 64);
const SLICE_MS = 1_000;

/** CPU seconds a process has used so far (Linux /proc), to tell a busy server from a busy client. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

interface Target {
  name: string;
  port: number;
  fixture: ApiFixture;
  server: ChildProcess;
  body: string;
  headers: () => Record<string, string>;
  agent: http.Agent;
  total: LoadResult;
  cpuS: number;
  clientCpuS: number;
}

async function startTarget(name: string, meteringOff: boolean): Promise<Target> {
  const port = await freePort();
  const fixture = await createApiFixture({ port, qpsLimit: 1_000_000 });
  const env = { ...fixture.env, BENCH_DISABLE_METERING: meteringOff ? '1' : '0' };
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const server = await startServer('bench/api/serve.ts', env, port, profile);
  const body = JSON.stringify({ ImageBase64: (await shapesImage(side, side)).toString('base64') });
  const headers = signer(fixture.creds, `127.0.0.1:${port}`, 'AssessQuality', body);
  const total: LoadResult = { sent: 0, ok: 0, errors: {}, okIds: [], errorIds: [], unanswered: 0, latenciesMs: [], elapsedMs: 0 };
  return { name, port, fixture, server, body, headers, agent: new http.Agent({ keepAlive: true, maxSockets: connections }), total, cpuS: 0, clientCpuS: 0 };
}

async function slice(t: Target, durationMs: number, record: boolean): Promise<void> {
  const cpuBefore = cpuSeconds(t.server.pid);
  const clientBefore = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  const r = await runLoad({ port: t.port, connections, durationMs, body: t.body, headers: t.headers, agent: t.agent });
  if (!record) return;
  t.cpuS += cpuSeconds(t.server.pid) - cpuBefore;
  t.clientCpuS += (process.cpuUsage().user + process.cpuUsage().system) / 1e6 - clientBefore;
  t.total.sent += r.sent;
  t.total.ok += r.ok;
  t.total.elapsedMs += r.elapsedMs;
  t.total.okIds.push(...r.okIds);
  for (const l of r.latenciesMs) t.total.latenciesMs.push(l);
  for (const [code, n] of Object.entries(r.errors)) t.total.errors[code] = (t.total.errors[code] ?? 0) + n;
}

function figures(t: Target) {
  const sorted = [...t.total.latenciesMs].sort((a, b) => a - b);
  return {
    metering: t.name,
    callsPerSec: Math.round((t.total.ok / t.total.elapsedMs) * 1000),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    ok: t.total.ok,
    errors: Object.values(t.total.errors).reduce((a, b) => a + b, 0),
    /** Server process CPU over the timed run: 100% = one core busy. */
    serverCpu: `${Math.round((t.cpuS / (t.total.elapsedMs / 1000)) * 100)}%`,
    /** Server CPU per successful call (issue 12's "CPU per call"). */
    cpuMsPerCall: Number(((t.cpuS * 1000) / t.total.ok).toFixed(3)),
    /** The load generator's own CPU: it shares the machine's two cores with the server. */
    clientCpu: `${Math.round((t.clientCpuS / (t.total.elapsedMs / 1000)) * 100)}%`,
  };
}

async function meteredRows(t: Target): Promise<number> {
  const [{ n }] = await t.fixture.db.select({ n: count() }).from(apiRequests).where(eq(apiRequests.accountId, t.fixture.accountId));
  return n;
}

async function main() {
  const on = await startTarget('on', false);
  const off = await startTarget('off (bench only)', true);
  try {
    for (const t of [on, off]) await slice(t, 1_500, false); // warm-up: JIT, connections, page cache
    const meteredBefore = await meteredRows(on);
    for (let i = 0; i < Math.ceil((seconds * 1000) / SLICE_MS); i++) {
      for (const t of i % 2 ? [off, on] : [on, off]) await slice(t, SLICE_MS, true);
    }
    const metered = (await meteredRows(on)) - meteredBefore;
    const [a, b] = [figures(on), figures(off)];
    console.table([a, b]);
    if (a.errors || b.errors) console.log('errors by code:', on.total.errors, off.total.errors);
    console.log(`metered rows written during the timed run: ${metered} (successful answers with metering: ${a.ok})`);
    console.log(`metering cost: ${((1 - a.callsPerSec / b.callsPerSec) * 100).toFixed(1)}% of throughput (on/off = ${(a.callsPerSec / b.callsPerSec).toFixed(3)})`);
    console.log(JSON.stringify({ seconds, connections, image: `${side}x${side} PNG`, on: a, off: b, metered }));
    if (metered !== a.ok) process.exitCode = 1;
  } finally {
    for (const t of [on, off]) {
      t.agent.destroy();
      await stopServer(t.server);
      await closeDb(t.fixture.db);
      fs.rmSync(t.fixture.dir, { recursive: true, force: true });
    }
  }
}

void main();

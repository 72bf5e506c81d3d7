// Several API servers, each in its own process(es) with a database of its own, loaded one
// after the other in alternating slices of one second by the closed-loop generator of
// load.ts in this process, so a change in the machine's other load hits them alike. Used by
// run.ts (metering / request log on and off) and fleet.ts (one and two API workers).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { apiRequests } from '@/db/schema';
import { databaseUrl, STORE } from '@/db/store';
import { signer } from '@/server/gateway/client-signer';
import { createApiFixture, type ApiFixture } from './fixture';
import { METER_JOURNAL_MS } from '@/server/gateway/gateway';
import { apiHeapArgs } from '@/server/sizing';
import { percentile, runLoad, type LoadResult } from './load';
import { freePort, startServer, stopServer } from './server-process';

const SLICE_MS = 1_000;

/** A process's child processes (Linux /proc; those its main thread started, as Node's are). */
export function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

/**
 * CPU seconds a process and its descendants (cluster workers) have used so far (Linux
 * /proc): all their threads, or (`mainThreads`) only each one's main thread — the event
 * loop that serves the requests, without the model threads beside it.
 */
export function treeCpuSeconds(pid: number | undefined, mainThreads = false): number {
  const stat = mainThreads ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
  if (!pid || !fs.existsSync(stat)) return 0;
  const fields = fs.readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  const own = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
  return childPids(pid).reduce((sum, child) => sum + treeCpuSeconds(child, mainThreads), own);
}

/** The PostgreSQL server's postmaster on DATABASE_URL's port, if it runs on this machine; its backends are its children. */
export function postgresPid(): number | undefined {
  if (STORE !== 'pg') return undefined;
  const port = new URL(databaseUrl()).port || '5432';
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[0].endsWith('/postgres') && args[args.indexOf('-p') + 1] === port) return Number(entry);
    } catch {
      // the process ended while the list was read
    }
  }
  return undefined;
}

const processCpuSeconds = () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6;

/** CPU seconds the whole machine has been busy (Linux /proc/stat: every core, all but idle and iowait). */
export function machineCpuSeconds(): number {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / 100;
}

export interface TargetSpec {
  name: string;
  /** The server's entry point; bench/api/serve.ts by default. */
  script?: string;
  /** Another checkout to run the script from (its code, the same fixture), e.g. the commit before a change. */
  cwd?: string;
  args?: string[];
  /** Added to the fixture's environment (API_WORKERS, BENCH_DISABLE_METERING…). */
  env?: Record<string, string>;
  action: string;
  /** The request body (JSON), the same for every call. */
  body: string;
  /** The account's per-action QPS limit; unlimited for a throughput run. */
  qpsLimit?: number;
}

export interface Target {
  spec: TargetSpec;
  port: number;
  fixture: ApiFixture;
  server: ChildProcess;
  headers: () => Record<string, string>;
  agent: http.Agent;
  total: LoadResult;
  serverCpuS: number;
  /** Of serverCpuS, the processes' main threads'. */
  mainCpuS: number;
  clientCpuS: number;
  dbCpuS: number;
  machineCpuS: number;
  /** Run before each of its slices, untimed; `record` as the slice's (meteringToggleViews). */
  prepare?: (record: boolean) => Promise<void>;
}

/** An AssessQuality server of `workers` API workers, metering on or off (fleet.ts, fleet-wrk.ts). */
export const workersSpec = (workers: number, meteringOff: boolean, body: string): TargetSpec => ({
  name: `${workers} worker${workers > 1 ? 's' : ''}, metering ${meteringOff ? 'off' : 'on'}`,
  env: { API_WORKERS: String(workers), BENCH_DISABLE_METERING: meteringOff ? '1' : '0' },
  action: 'AssessQuality',
  body,
});

async function startTarget(spec: TargetSpec, connections: number): Promise<Target> {
  const port = await freePort();
  const fixture = await createApiFixture({ port, qpsLimit: spec.qpsLimit ?? 1_000_000 });
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // The production heap (scripts/serve-backend.ts gives it to its workers); a cluster's workers inherit it here.
  const env = { ...fixture.env, ...spec.env };
  const server = await startServer(spec.script ?? 'bench/api/serve.ts', env, port, [...apiHeapArgs(env), ...profile], spec.args, spec.cwd);
  const headers = signer(fixture.creds, `127.0.0.1:${port}`, spec.action, spec.body);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return { spec, port, fixture, server, headers, agent, ...noFigures() };
}

const noFigures = () => ({
  total: { sent: 0, ok: 0, errors: {}, okIds: [], errorIds: [], unanswered: 0, latenciesMs: [], elapsedMs: 0 } as LoadResult,
  serverCpuS: 0,
  mainCpuS: 0,
  clientCpuS: 0,
  dbCpuS: 0,
  machineCpuS: 0,
});

/** How long the target's server may keep an answered call in its journal (METER_JOURNAL_MS). */
const journalMs = (t: Target) => Number(t.spec.env?.METER_JOURNAL_MS ?? t.fixture.env.METER_JOURNAL_MS) || METER_JOURNAL_MS;

/**
 * One server process started with BENCH_TOGGLE_METERING=1 (serve.ts) as two targets,
 * metering on and metering off: before a slice of the other side, the server is switched
 * (SIGUSR2) and given time to meter what it journaled, that time's CPU charged to the side
 * it came from. Both sides then share one heap, JIT and memory layout, where two processes
 * of the same code differ by up to 20% for their whole life on this machine
 * (bench/api/README.md), so the difference is the metering's. What it leaves out: garbage
 * one side leaves behind may be collected in the other's slice. The CPU the pause took is in
 * cpuMsPerCall, not in calls/s: compare the sides by CPU per call.
 */
export function meteringToggleViews(t: Target): Target[] {
  const pid = t.server.pid;
  const settleMs = 2 * journalMs(t);
  let on = true;
  const views: Target[] = [true, false].map((wantOn) => ({
    ...t,
    ...noFigures(),
    spec: { ...t.spec, name: `toggled, metering ${wantOn ? 'on' : 'off'}`, env: { ...t.spec.env, BENCH_DISABLE_METERING: wantOn ? '0' : '1' } },
    prepare: async (record) => {
      if (on === wantOn) return;
      const leaving = views[on ? 0 : 1];
      const [cpu, main] = [treeCpuSeconds(pid), treeCpuSeconds(pid, true)];
      on = wantOn;
      t.server.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      if (!record) return;
      leaving.serverCpuS += treeCpuSeconds(pid) - cpu;
      leaving.mainCpuS += treeCpuSeconds(pid, true) - main;
    },
  }));
  return views;
}

/**
 * Runs `work` on the servers of `specs`, given in the specs' order, and stops them all after
 * it, or those started when a start fails. They are started in `startOrder` (indexes into
 * specs): a server's place in it has been worth a few percent on this machine
 * (bench/api/README.md, thirteenth round), so a comparison varies it.
 */
export async function withTargets<T>(specs: readonly TargetSpec[], connections: number, startOrder: readonly number[], work: (targets: Target[]) => Promise<T>): Promise<T> {
  const started = new Map<number, Target>();
  try {
    for (const k of startOrder) started.set(k, await startTarget(specs[k], connections));
    return await work(specs.map((_, k) => started.get(k)!));
  } finally {
    for (const t of started.values()) await stopTarget(t);
  }
}

async function slice(t: Target, connections: number, durationMs: number, record: boolean, dbPid: number | undefined): Promise<void> {
  await t.prepare?.(record);
  const [server, main, client, db, machine] = [treeCpuSeconds(t.server.pid), treeCpuSeconds(t.server.pid, true), processCpuSeconds(), treeCpuSeconds(dbPid), machineCpuSeconds()];
  const r = await runLoad({ port: t.port, connections, durationMs, body: t.spec.body, headers: t.headers, agent: t.agent });
  if (!record) return;
  t.serverCpuS += treeCpuSeconds(t.server.pid) - server;
  t.mainCpuS += treeCpuSeconds(t.server.pid, true) - main;
  t.clientCpuS += processCpuSeconds() - client;
  t.dbCpuS += treeCpuSeconds(dbPid) - db;
  t.machineCpuS += machineCpuSeconds() - machine;
  t.total.sent += r.sent;
  t.total.ok += r.ok;
  t.total.elapsedMs += r.elapsedMs;
  t.total.okIds.push(...r.okIds);
  for (const id of r.errorIds) t.total.errorIds.push(id);
  for (const l of r.latenciesMs) t.total.latenciesMs.push(l);
  for (const [code, n] of Object.entries(r.errors)) t.total.errors[code] = (t.total.errors[code] ?? 0) + n;
}

/** api_requests rows of the target's account, once what it journaled last is metered (METER_JOURNAL_MS after its last call). */
export async function meteredRows(t: Target): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 5 * journalMs(t)));
  const [{ n }] = await t.fixture.db.select({ n: count() }).from(apiRequests).where(eq(apiRequests.accountId, t.fixture.accountId));
  return n;
}

/**
 * Warms every target up for `warmUpMs` (JIT, connections, page cache; a model thread loads
 * its models), then loads them in turn, one slice of a second each, until each had `seconds`
 * of load. Returns how many api_requests rows each target wrote meanwhile.
 */
export async function runSideBySide(targets: Target[], connections: number, seconds: number, warmUpMs = 1_500): Promise<number[]> {
  const dbPid = postgresPid();
  for (const t of targets) await slice(t, connections, warmUpMs, false, dbPid);
  const before = await Promise.all(targets.map(meteredRows));
  for (let i = 0; i < Math.ceil((seconds * 1000) / SLICE_MS); i++) {
    // Each round in another order, so no target always follows the same one.
    const order = targets.map((_, k) => targets[(k + i) % targets.length]);
    for (const t of order) await slice(t, connections, SLICE_MS, true, dbPid);
  }
  const after = await Promise.all(targets.map(meteredRows));
  return after.map((n, k) => n - before[k]);
}

/** Per second over the target's timed slices; a decimal for the slow actions. */
const rate = (n: number, t: Target) => {
  const perSec = (n / t.total.elapsedMs) * 1000;
  return Number(perSec.toFixed(perSec < 100 ? 1 : 0));
};

const share = (cpuS: number, t: Target) => Number((cpuS / (t.total.elapsedMs / 1000)).toFixed(2));

/** One target's figures over its timed slices; CPU in cores (1 = one core busy). */
export function figures(t: Target) {
  const sorted = [...t.total.latenciesMs].sort((a, b) => a - b);
  const errors = Object.values(t.total.errors).reduce((a, b) => a + b, 0);
  const perAnswerMs = (cpuS: number) => Number(((cpuS * 1000) / Math.max(1, t.total.ok + errors)).toFixed(4));
  return {
    server: t.spec.name,
    callsPerSec: rate(t.total.ok, t),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    ok: t.total.ok,
    errors,
    /** Answers per second, successful or not (a refusal run's throughput). */
    answersPerSec: rate(t.total.ok + errors, t),
    /** The API processes (primary and workers). */
    serverCores: share(t.serverCpuS, t),
    /** Server CPU per answer (issue 12's "CPU per call": server CPU seconds ÷ calls). */
    cpuMsPerCall: perAnswerMs(t.serverCpuS),
    /** Of that, the event loops' (the processes' main threads, which serve the requests). */
    mainMsPerCall: perAnswerMs(t.mainCpuS),
    /** The load generator (this process): it shares the machine's cores with the server. */
    clientCores: share(t.clientCpuS, t),
    /** The PostgreSQL server's processes, when it runs on this machine. */
    dbCores: STORE === 'pg' ? share(t.dbCpuS, t) : undefined,
    /** Everything else on the machine meanwhile: the other sessions' builds and tests. */
    otherCores: Math.max(0, share(t.machineCpuS - t.serverCpuS - t.clientCpuS - t.dbCpuS, t)),
  };
}

async function stopTarget(t: Target): Promise<void> {
  t.agent.destroy();
  await stopServer(t.server);
  await closeDb(t.fixture.db);
  fs.rmSync(t.fixture.dir, { recursive: true, force: true });
}

/** What the figures were taken beside: store, cores and the load average before and after. */
export function machine() {
  return { store: STORE, cores: os.availableParallelism(), loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) };
}

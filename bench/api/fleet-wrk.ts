// npx tsx bench/api/fleet-wrk.ts [seconds=8] [connections=32] [side=64] [warmUpSeconds=10] [mode=servers|toggle]
// fleet.ts's one-against-two API workers on AssessQuality, with Debian's wrk (C, epoll;
// `apt-get install wrk`) as the load generator instead of load.ts's Node client, which needs
// about 0.2 ms of CPU per call — a third to a half of a core at these rates, on a machine
// with two. wrk sends one TC3-signed request over and over (a signature holds ±300 s, so a
// run must end within five minutes; the server verifies every request in full).
//
// wrk does not read the answers' bodies, and a Tencent-style error is an HTTP 200, so the
// run counts from the database instead: every successful call is one `api_requests` row
// and every failed one an `api_request_log` row; both are printed beside wrk's count, which
// leaves out the calls in flight when each run stops (at most `connections` a run).
//
// The servers start in a random order (printed as startOrder). Each is first loaded for
// `warmUpSeconds`, untimed: its first seconds under load are slower (with 2 s, the first
// timed run of the two metered workers had a p99 of 25–42 ms against 15–25 ms in the
// second; bench/api/README.md, twelfth round), and a production worker runs for hours.
// Then each is loaded for `seconds` BENCH_ROUNDS times (servers: 2, toggle: 4), every other
// round in reverse order, so a drift in the machine's other load hits all alike. The load
// generator is accounted for as in fleet.ts: avail(n) = min(n, cores − d − o), where o is
// everything but the server and a local PostgreSQL (d) — wrk and whatever else ran —
// measured during that row's runs. Beside it, for the record: after each round,
// machine-pair.ts runs a call's CPU-only work in one process and in two side by side (4
// turns of 0.5 s each); machineScaling is two ÷ one over the run, and idealOnMachine =
// ideal × machineScaling / 2. The target is judged on `ideal`: runs whose machine scaled
// fully did no better (bench/api/README.md, nineteenth round).
//
// p99Ms is each slice's own p99; p99MsAll the p99 of all the row's requests together
// (from each slice's latency tail, bench/api/tail-percentile.ts), the row's p99 at
// `connections`: a slice's p99 rests on 1% of 5 s of calls, and one pause of the machine
// moves it.
//
// mode=servers (the default) starts four servers: one and two workers, metering on and off.
// mode=toggle starts two servers of two workers, metering on and off, and measures one
// worker as one of those two listening alone (the other closes its server, so node:cluster
// hands it no connection; serve.ts's BENCH_TOGGLE_LISTENING), the two workers alone by
// turns. Two processes of the same code differ by up to 20% for their whole life here
// (bench/api/README.md, fourteenth round): between servers that luck decides the ratio,
// between rows of one server it weighs on both alike. workerCores shows each worker's share
// of its row: the idle one's is what it used doing nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { apiRequestLog } from '@/db/schema';
import { STORE } from '@/db/store';
import { shapesImage } from '@/server/engines/sample-images';
import { startMachinePair } from './machine-pair';
import { childPids, machine, machineCpuSeconds, meteredRows, postgresPid, treeCpuSeconds, type Target, withTargets, workersSpec } from './side-by-side';
import { mergedPercentile, parseTail, type Tail, WRK_TAIL_SCRIPT } from './tail-percentile';

const WRK = '/usr/bin/wrk';
const args = process.argv.slice(2);
const [seconds = 8, connections = 32, side = 64, warmUpSeconds = 10] = args.slice(0, 4).map(Number);
const mode = args[4] ?? 'servers';
/** Slices of `seconds` each side gets, every other one in reverse order. */
const rounds = Number(process.env.BENCH_ROUNDS) || (mode === 'toggle' ? 4 : 2);
/** After each round, machine-pair.ts's turns: the machine's own scaling from one busy process to two. */
const PAIR_TURNS = 4;
const PAIR_TURN_MS = 500;

interface Tally {
  requests: number;
  elapsedS: number;
  p50Ms: number[];
  p99Ms: number[];
  /** Each slice's latency tail, for the p99 of the row's whole load. */
  tails: Tail[];
  serverCpuS: number;
  dbCpuS: number;
  machineCpuS: number;
}

/** wrk's latency figure ("812.00us", "4.21ms", "1.02s") in ms. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) throw new Error(`unreadable wrk latency ${text}`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's'];
}

/** A wrk script sending the target's signed request. JSON's string escapes are Lua's too (the texts are ASCII). */
function wrkScript(t: Target, dir: string): string {
  const file = path.join(dir, `${t.port}.lua`);
  const headers = Object.entries(t.headers()).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  fs.writeFileSync(file, ['wrk.method = "POST"', `wrk.body = ${JSON.stringify(t.spec.body)}`, ...headers, WRK_TAIL_SCRIPT].join('\n'));
  return file;
}

function wrk(script: string, port: number, secs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, ['-t1', `-c${connections}`, `-d${secs}s`, '--latency', '-s', script, `http://127.0.0.1:${port}/`]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

async function load(t: Target, script: string, tally: Tally | null, dbPid: number | undefined, secs: number) {
  const before = [treeCpuSeconds(t.server.pid), treeCpuSeconds(dbPid), machineCpuSeconds()];
  const out = await wrk(script, t.port, secs);
  if (!tally) return;
  const done = /(\d+) requests in ([\d.]+)(s|m)/.exec(out);
  const p50 = /\s50%\s+(\S+)/.exec(out);
  const p99 = /\s99%\s+(\S+)/.exec(out);
  const tail = parseTail(out);
  if (!done || !p50 || !p99 || !tail) throw new Error(`unreadable wrk output: ${out}`);
  tally.requests += Number(done[1]);
  tally.elapsedS += Number(done[2]) * (done[3] === 'm' ? 60 : 1);
  tally.p50Ms.push(ms(p50[1]));
  tally.p99Ms.push(ms(p99[1]));
  tally.tails.push(tail);
  tally.serverCpuS += treeCpuSeconds(t.server.pid) - before[0];
  tally.dbCpuS += treeCpuSeconds(dbPid) - before[1];
  tally.machineCpuS += machineCpuSeconds() - before[2];
}

async function failedRows(t: Target): Promise<number> {
  const [{ n }] = await t.fixture.db.select({ n: count() }).from(apiRequestLog).where(eq(apiRequestLog.accountId, t.fixture.accountId));
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One row of the comparison: a server loaded as it is, or (toggle) one of its two workers alone or both. */
interface Side {
  name: string;
  target: Target;
  workers: number;
  /** Before each of its slices; `round` counts from 0. */
  prepare?: (round: number) => Promise<void>;
  /** Toggle: the server's worker processes, and the CPU seconds each used during this row's slices. */
  perWorker?: { pids: number[]; cpuS: number[] };
}

/**
 * The listening of a BENCH_TOGGLE_LISTENING server's two workers, set by SIGUSR2 to each.
 * A worker that closes its server leaves node:cluster's round robin, so the primary hands
 * it no new connection; wrk opens its connections anew in every slice.
 */
function listeningSwitch(t: Target) {
  const workers = childPids(t.server.pid!);
  if (workers.length !== 2) throw new Error(`toggle needs a server of two workers, found ${workers.length}`);
  const listening = [true, true];
  const flip = (i: number) => {
    process.kill(workers[i], 'SIGUSR2');
    listening[i] = !listening[i];
  };
  return {
    pids: workers,
    /** Only worker `only` listens, or both (null). Opens first: the primary closes the port when no worker listens. */
    async set(only: number | null) {
      const want = workers.map((_, i) => only === null || only === i);
      for (const i of workers.keys()) if (want[i] && !listening[i]) flip(i);
      await sleep(100);
      for (const i of workers.keys()) if (!want[i] && listening[i]) flip(i);
      await sleep(200);
    },
  };
}

function toggledSides(t: Target): Side[] {
  const sw = listeningSwitch(t);
  const meteringOff = t.spec.env?.BENCH_DISABLE_METERING === '1';
  const name = (n: number) => `${n} worker${n > 1 ? 's' : ''}, metering ${meteringOff ? 'off' : 'on'}`;
  // Each worker is alone in every other round: a process's luck (bench/api/README.md,
  // fourteenth round) weighs on both rows alike.
  return [
    { name: name(1), target: t, workers: 1, prepare: (round) => sw.set(round % 2), perWorker: { pids: sw.pids, cpuS: [0, 0] } },
    { name: name(2), target: t, workers: 2, prepare: () => sw.set(null), perWorker: { pids: sw.pids, cpuS: [0, 0] } },
  ];
}

async function main() {
  if (!fs.existsSync(WRK)) throw new Error("needs Debian's wrk: apt-get install wrk");
  const toggle = mode === 'toggle';
  if (!toggle && mode !== 'servers') throw new Error(`mode must be servers or toggle, got ${mode}`);
  const cores = os.availableParallelism();
  const body = JSON.stringify({ ImageBase64: (await shapesImage(side, side)).toString('base64') });
  const spec = (workers: number, meteringOff: boolean) => {
    const s = workersSpec(workers, meteringOff, body);
    return toggle ? { ...s, env: { ...s.env, BENCH_TOGGLE_LISTENING: '1' } } : s;
  };
  const at = machine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-wrk-'));
  const specs = toggle ? [spec(2, false), spec(2, true)] : [spec(1, false), spec(2, false), spec(1, true), spec(2, true)];
  // Started in a random order, printed: with one fixed order the metered one-worker server,
  // started first, beat its unmetered twin in five of five runs (bench/api/README.md,
  // thirteenth round), so a server's place in the start order may be worth a few percent.
  const startOrder = [...specs.keys()];
  for (let i = startOrder.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [startOrder[i], startOrder[j]] = [startOrder[j], startOrder[i]];
  }
  try {
    await withTargets(specs, connections, startOrder, async (targets) => {
      const scripts = new Map(targets.map((t) => [t, wrkScript(t, dir)]));
      const sides: Side[] = toggle ? targets.flatMap(toggledSides) : targets.map((t) => ({ name: t.spec.name, target: t, workers: Number(t.spec.env?.API_WORKERS) }));
      const dbPid = postgresPid();
      for (const t of targets) await load(t, scripts.get(t)!, null, dbPid, warmUpSeconds);
      const pair = await startMachinePair(body);
      const tallies = sides.map((): Tally => ({ requests: 0, elapsedS: 0, p50Ms: [], p99Ms: [], tails: [], serverCpuS: 0, dbCpuS: 0, machineCpuS: 0 }));
      const metered = sides.map(() => 0);
      const failed = sides.map(() => 0);
      const counts = async (t: Target) => [await meteredRows(t), await failedRows(t)];
      const order = [...sides.keys()];
      try {
        for (let round = 0; round < rounds; round++) {
          for (const i of round % 2 ? [...order].reverse() : order) {
            const { target: t, prepare, perWorker } = sides[i];
            await prepare?.(round);
            // What the slice before left in the journal is on the books before this one starts.
            const [m0, f0] = await counts(t);
            const cpu0 = perWorker?.pids.map((pid) => treeCpuSeconds(pid)) ?? [];
            await load(t, scripts.get(t)!, tallies[i], dbPid, seconds);
            perWorker?.pids.forEach((pid, k) => (perWorker.cpuS[k] += treeCpuSeconds(pid) - cpu0[k]));
            const [m1, f1] = await counts(t);
            metered[i] += m1 - m0;
            failed[i] += f1 - f0;
          }
          await pair.measure(PAIR_TURNS, PAIR_TURN_MS, round % 2 === 1);
        }
      } finally {
        pair.close();
      }
      const rows = sides.map((s, i) => {
        const y = tallies[i];
        const other = (y.machineCpuS - y.serverCpuS - y.dbCpuS) / y.elapsedS;
        const db = y.dbCpuS / y.elapsedS;
        return {
          server: s.name,
          callsPerSec: Math.round(y.requests / y.elapsedS),
          p50Ms: y.p50Ms.map((v) => v.toFixed(1)).join(' / '),
          p99Ms: y.p99Ms.map((v) => v.toFixed(1)).join(' / '),
          // wrk's tails are in µs.
          p99MsAll: Number((mergedPercentile(y.tails, 99) / 1000).toFixed(1)),
          wrkRequests: y.requests,
          metered: metered[i],
          failed: failed[i],
          serverCores: Number((y.serverCpuS / y.elapsedS).toFixed(2)),
          workerCores: s.perWorker?.cpuS.map((c) => (c / y.elapsedS).toFixed(2)).join(' / '),
          cpuMsPerCall: Number(((y.serverCpuS * 1000) / y.requests).toFixed(4)),
          dbCores: STORE === 'pg' ? Number(db.toFixed(2)) : undefined,
          wrkAndOtherCores: Number(other.toFixed(2)),
          available: Number(Math.min(s.workers, cores - db - other).toFixed(2)),
        };
      });
      console.table(rows);
      const [one, two, oneOff, twoOff] = rows;
      const ideal = two.available / one.available;
      // The cores left after wrk and PostgreSQL, each as fast as one of two busy processes here.
      const machineScaling = pair.scaling();
      const idealOnMachine = (ideal * machineScaling) / 2;
      const summary = {
        mode,
        scaling: Number((two.callsPerSec / one.callsPerSec).toFixed(2)),
        availableCores: [one.available, two.available],
        ideal: Number(ideal.toFixed(2)),
        target: Number((0.8 * ideal).toFixed(2)),
        machineScaling: Number(machineScaling.toFixed(2)),
        idealOnMachine: Number(idealOnMachine.toFixed(2)),
        targetOnMachine: Number((0.8 * idealOnMachine).toFixed(2)),
        scalingMeteringOff: Number((twoOff.callsPerSec / oneOff.callsPerSec).toFixed(2)),
        p99MsMetered: [one.p99MsAll, two.p99MsAll],
        meteringCost: [[one, oneOff], [two, twoOff]].map(([on, off]) => `${((1 - on.callsPerSec / off.callsPerSec) * 100).toFixed(1)}%`),
        startOrder: startOrder.map((k) => specs[k].name),
      };
      console.log(`AssessQuality ${side}×${side}, ${connections} connections, wrk, ${rounds} × ${seconds} s each:`, summary);
      console.log(JSON.stringify({ seconds, connections, side, rounds, mode, loadGenerator: 'wrk', before: at, after: machine(), rows, summary }));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

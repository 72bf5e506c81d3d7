// npx tsx bench/api/run.ts [seconds=10] [connections=32] [side=64] [compare=all|metering|log|toggle] [calls=ok|refused]
// Signed AssessQuality calls on a side×side PNG against the API server (bench/api/serve.ts)
// in its own process, as it is and with part of its work switched off, side by side in
// alternating slices (side-by-side.ts); each server gets `seconds` of load in total:
//   metering  with BENCH_DISABLE_METERING=1 too (the price of metering);
//   log       with BENCH_DISABLE_REQUEST_LOG=1 too (the price of the request log, 请求日志);
//   all       both;
//   toggle    metering on and off in ONE server process, switched between its slices
//             (side-by-side.ts meteringToggleViews): the price of metering without the
//             difference between two processes (no variants or baseline with it).
// calls=refused gives the account a limit of 1 call/s, so nearly every call is answered
// RequestLimitExceeded: the price of logging a failure.
// BENCH_BASELINE_DIR=<another checkout> adds its serve.ts, as it is there, to the same run:
// before and after a change under the same load (the checkout needs a node_modules).
// BENCH_VARIANTS="A=1 A=2,B=3" adds this checkout's serve.ts once per word, with those
// environment variables set (e.g. METER_SPACING_MS=4): settings compared in one run.
// BENCH_ROUNDS=n repeats the run n times, each round with servers started afresh (round i
// starting from the i-th, so that no server is always started in the same place), and ends
// with each comparison's median and range over the rounds: two processes of the same code
// differ by up to 20% for their whole life on this machine, so one round cannot tell 5% from 15%.
import path from 'node:path';
import { shapesImage } from '@/server/engines/sample-images';
import { figures, machine, meteringToggleViews, runSideBySide, withTargets, type TargetSpec } from './side-by-side';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 32);
const side = Number(process.argv[4] ?? 64);
const compare = process.argv[5] ?? 'all';
const refused = process.argv[6] === 'refused';

const pct = (x: number, base: number) => `${((1 - x / base) * 100).toFixed(1)}%`;

async function round(body: string, index: number): Promise<{ costs: Map<string, number>; ok: boolean }> {
  const spec = (name: string, env: Record<string, string>): TargetSpec => ({ name, env, action: 'AssessQuality', body, qpsLimit: refused ? 1 : undefined });
  const toggle = compare === 'toggle';
  const specs = [spec('as in production', toggle ? { BENCH_TOGGLE_METERING: '1' } : {})];
  if (compare === 'all' || compare === 'metering') specs.push(spec('metering off', { BENCH_DISABLE_METERING: '1' }));
  if (compare === 'all' || compare === 'log') specs.push(spec('request log off', { BENCH_DISABLE_REQUEST_LOG: '1' }));
  for (const variant of (process.env.BENCH_VARIANTS ?? '').split(/\s+/).filter(Boolean)) {
    specs.push(spec(variant, Object.fromEntries(variant.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))));
  }
  const baseline = process.env.BENCH_BASELINE_DIR;
  if (baseline) specs.push({ ...spec(`baseline ${path.basename(baseline)}`, {}), cwd: baseline });
  const at = machine();
  // Each round starts the servers in another order. With one side always started last, a
  // change measured a median +6.9% over five rounds and 0.0% with the order swapped, and
  // another −4.0% and then +2.0% (bench/api/README.md, thirteenth round).
  const startOrder = specs.map((_, k) => (k + index) % specs.length);
  return withTargets(specs, connections, startOrder, async (started) => {
    const targets = toggle ? meteringToggleViews(started[0]) : started;
    const metered = await runSideBySide(targets, connections, seconds);
    const rows = targets.map(figures);
    console.table(rows);
    for (const t of targets) if (Object.keys(t.total.errors).length) console.log(`${t.spec.name}: errors by code`, t.total.errors);
    const [full, ...others] = rows;
    // Refused calls are the cheap ones: compare answers, not successes.
    const rate = (r: (typeof rows)[number]) => (refused ? r.answersPerSec : r.callsPerSec);
    const costs = new Map<string, number>();
    for (const r of others) {
      if (r.server.endsWith(' off')) {
        const what = `cost of ${r.server.replace(' off', '')}`;
        // Toggled, the pause between the sides holds CPU that calls/s leaves out (meteringToggleViews).
        costs.set(what, toggle ? 1 - r.cpuMsPerCall / full.cpuMsPerCall : 1 - rate(full) / rate(r));
        console.log(`${what}: ${pct(rate(full), rate(r))} of throughput, ${pct(r.cpuMsPerCall, full.cpuMsPerCall)} of server CPU, ${(full.cpuMsPerCall - r.cpuMsPerCall).toFixed(4)} ms of server CPU per call (${(full.mainMsPerCall - r.mainMsPerCall).toFixed(4)} ms on the event loop)`);
      } else {
        costs.set(`${r.server} → this checkout`, rate(full) / rate(r) - 1);
        console.log(`${r.server} → this checkout: ${rate(r)} → ${rate(full)} calls/s, ${r.cpuMsPerCall} → ${full.cpuMsPerCall} ms of server CPU per call (${r.mainMsPerCall} → ${full.mainMsPerCall} ms on the event loop)`);
      }
    }
    const ok = targets.every((t, k) => t.spec.env?.BENCH_DISABLE_METERING === '1' || metered[k] === t.total.ok);
    console.log(`metered rows written during the timed run: ${metered.join(', ')} (successful answers: ${rows.map((r) => r.ok).join(', ')})${ok ? '' : ' — MISMATCH'}`);
    console.log(JSON.stringify({ seconds, connections, image: `${side}x${side} PNG`, calls: refused ? 'refused' : 'ok', before: at, after: machine(), rows, metered }));
    return { costs, ok };
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  if (compare === 'toggle' && (process.env.BENCH_VARIANTS || process.env.BENCH_BASELINE_DIR)) throw new Error('toggle compares one server with itself: no BENCH_VARIANTS or BENCH_BASELINE_DIR');
  const body = JSON.stringify({ ImageBase64: (await shapesImage(side, side)).toString('base64') });
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await round(body, i));
  if (results.some((r) => !r.ok)) process.exitCode = 1;
  if (rounds < 2) return;
  for (const what of results[0].costs.keys()) {
    const xs = results.map((r) => r.costs.get(what)!);
    const p = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`${what} over ${rounds} rounds: median ${p(median(xs))}, range ${p(Math.min(...xs))} to ${p(Math.max(...xs))} (${xs.map(p).join(', ')})`);
  }
}

void main();

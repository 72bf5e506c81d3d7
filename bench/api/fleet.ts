// npx tsx bench/api/fleet.ts [seconds=10] [connections=32] [side=64] [labelSeconds=15] [labelConnections=4]
// One against two API workers on this machine, on the store DATABASE_URL chooses, the load
// generator in this process (side-by-side.ts: alternating one-second slices):
// 1. AssessQuality on a side×side PNG through bench/api/serve.ts with API_WORKERS=1 and 2,
//    each with metering and with BENCH_DISABLE_METERING=1 (the metering's cost);
// 2. DetectLabel on a fixture photo through the real server (scripts/serve-backend.ts --role
//    api, one API worker) with ENGINE_THREADS=1 and 2 (labelSeconds=0 leaves it out).
// BENCH_BASELINE_DIR=<another checkout> adds its serve.ts with 1 and 2 workers (metering on)
// to the same AssessQuality run: before and after a change under the same load.
//
// Accounting for the load generator: it runs on the same cores. A target whose generator
// used c cores (a local PostgreSQL d, the machine's other work o, all measured during that
// target's slices) left the server at most cores − c − d − o of them, and one worker can use
// one at most. The ideal ratio of two workers to one is therefore avail(2) / avail(1), not
// 2; the target (80% of the ideal, as 1.6× is of 2×) scales with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shapesImage } from '@/server/engines/sample-images';
import { figures, machine, runSideBySide, withTargets, type Target, type TargetSpec, workersSpec } from './side-by-side';

const [seconds = 10, connections = 32, side = 64, labelSeconds = 15, labelConnections = 4] = process.argv.slice(2).map(Number);

type Row = ReturnType<typeof figures>;

/** Cores the server could use: what the load generator, the database and the rest left, at most one per worker. */
function available(r: Row, workers: number, cores: number): number {
  return Math.min(workers, cores - r.clientCores - (r.dbCores ?? 0) - r.otherCores);
}

function sideBySide(specs: TargetSpec[], conns: number, secs: number, warmUpMs?: number): Promise<{ rows: Row[]; metered: number[]; targets: Target[] }> {
  return withTargets(specs, conns, [...specs.keys()], async (targets) => {
    const metered = await runSideBySide(targets, conns, secs, warmUpMs);
    return { rows: targets.map(figures), metered, targets };
  });
}

async function assessQuality(cores: number) {
  const body = JSON.stringify({ ImageBase64: (await shapesImage(side, side)).toString('base64') });
  const spec = (workers: number, meteringOff: boolean) => workersSpec(workers, meteringOff, body);
  const specs = [spec(1, false), spec(2, false), spec(1, true), spec(2, true)];
  const baseline = process.env.BENCH_BASELINE_DIR;
  if (baseline) for (const workers of [1, 2]) specs.push({ ...spec(workers, false), name: `baseline ${path.basename(baseline)}, ${workers} worker${workers > 1 ? 's' : ''}`, cwd: baseline });
  const { rows, metered, targets } = await sideBySide(specs, connections, seconds);
  console.table(rows);
  const [one, two, oneOff, twoOff, baseOne, baseTwo] = rows;
  const ideal = available(two, 2, cores) / available(one, 1, cores);
  const scaling = two.callsPerSec / one.callsPerSec;
  const summary = {
    scaling: Number(scaling.toFixed(2)),
    availableCores: [available(one, 1, cores), available(two, 2, cores)].map((c) => Number(c.toFixed(2))),
    ideal: Number(ideal.toFixed(2)),
    target: Number((0.8 * ideal).toFixed(2)),
    meteringCost: [one, two].map((r, k) => `${((1 - r.callsPerSec / [oneOff, twoOff][k].callsPerSec) * 100).toFixed(1)}%`),
    ...(baseOne && { baselineScaling: Number((baseTwo.callsPerSec / baseOne.callsPerSec).toFixed(2)) }),
    meteredEqualsOk: targets.every((t, k) => t.spec.env?.BENCH_DISABLE_METERING === '1' || metered[k] === t.total.ok),
  };
  console.log(`AssessQuality ${side}×${side}, ${connections} connections, ${seconds} s each:`, summary);
  return { rows, summary };
}

async function detectLabel() {
  const photo = readFileSync(path.join('server', 'engines', 'fixtures', 'cat.jpg'));
  const body = JSON.stringify({ ImageBase64: photo.toString('base64') });
  const spec = (threads: number): TargetSpec => ({
    name: `1 worker, ${threads} engine thread${threads > 1 ? 's' : ''}`,
    script: 'scripts/serve-backend.ts',
    args: ['--role', 'api'],
    env: { API_WORKERS: '1', ENGINE_THREADS: String(threads) },
    action: 'DetectLabel',
    body,
  });
  // Every thread loads its models (≈ 2 s) on its first calls: a long warm-up.
  const { rows } = await sideBySide([spec(1), spec(2)], labelConnections, labelSeconds, 20_000);
  console.table(rows);
  console.log(`DetectLabel cat.jpg, ${labelConnections} connections, ${labelSeconds} s each: 2 threads / 1 thread = ${(rows[1].callsPerSec / rows[0].callsPerSec).toFixed(2)}`);
  return rows;
}

async function main() {
  const before = machine();
  const quality = await assessQuality(before.cores);
  const label = labelSeconds > 0 ? await detectLabel() : [];
  const after = machine();
  console.log(JSON.stringify({ seconds, connections, side, labelSeconds, labelConnections, before, after, quality, label }));
  if (!quality.summary.meteredEqualsOk) {
    console.error('FAILED: a metered server wrote another number of api_requests rows than it answered successfully');
    process.exitCode = 1;
  }
}

void main();

/**
 * Throughput of rateMonth, the function the monthly bill run calls once per account.
 * Rates months of the 9 billable items with random counts (seeded, so runs compare) and
 * prints one JSON line. Run: npx tsx bench/billing/rate-month.bench.ts [seconds]
 */
import { ITEM_CODES, type ItemCode } from '../../lib/catalog';
import { rateMonth, type RateMonthInput } from '../../lib/pricing';

const TARGET_LINES_PER_SECOND = 200_000;
const MONTHS_IN_POOL = 5_000;
const MIN_SECONDS = Number(process.argv[2] ?? 2);
const ITEMS: ItemCode[] = ITEM_CODES.filter((c) => c !== 'enhance');

/** mulberry32: small seeded PRNG so every run rates the same months. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMonths(count: number): RateMonthInput[] {
  const random = prng(20191201);
  const months = ['2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05'];
  return Array.from({ length: count }, (_, i) => ({
    month: months[i % months.length],
    items: ITEMS.map((item) => {
      // Log-uniform totals reach every tier, from a handful of calls to ~30 million.
      const totalCalls = Math.floor(Math.exp(random() * Math.log(30_000_000)));
      const freeCalls = Math.min(totalCalls, 10_000);
      const packCalls = Math.floor((totalCalls - freeCalls) * random() * random());
      return { item, totalCalls, freeCalls, packCalls };
    }),
  }));
}

const pool = randomMonths(MONTHS_IN_POOL);
let checksum = 0;
const rateAll = () => {
  for (const input of pool) checksum += rateMonth(input).payable.length;
};

for (let i = 0; i < 3; i++) rateAll(); // warm up the JIT

let rounds = 0;
const started = performance.now();
let elapsedMs = 0;
do {
  rateAll();
  rounds++;
  elapsedMs = performance.now() - started;
} while (elapsedMs < MIN_SECONDS * 1000);

const lines = rounds * MONTHS_IN_POOL * ITEMS.length;
const linesPerSecond = Math.round(lines / (elapsedMs / 1000));
console.log(
  JSON.stringify({
    bench: 'rateMonth',
    itemsPerMonth: ITEMS.length,
    months: rounds * MONTHS_IN_POOL,
    lines,
    seconds: Math.round(elapsedMs) / 1000,
    linesPerSecond,
    monthsPerSecond: Math.round(linesPerSecond / ITEMS.length),
    targetLinesPerSecond: TARGET_LINES_PER_SECOND,
    meetsTarget: linesPerSecond >= TARGET_LINES_PER_SECOND,
    node: process.version,
    checksum,
  }),
);

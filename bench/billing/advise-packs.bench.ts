/**
 * Time of advisePacks, the 资源包推荐 search the 资源包 page runs once per item, on volumes
 * from a few calls to 10亿 a month (the largest make every pack size worth searching up
 * to 99). Prints one JSON line; the page budget is 20 ms per item.
 * Run: npx tsx bench/billing/advise-packs.bench.ts [rounds]
 */
import { ITEMS, ITEM_CODES } from '../../lib/catalog';
import { advisePacks } from '../../lib/pricing';

const TARGET_MS_PER_ITEM = 20;
const ROUNDS = Number(process.argv[2] ?? 20);
const ITEMS_WITH_PACKS = ITEM_CODES.filter((c) => ITEMS[c].packGroup);
const VOLUMES = [
  5_000, 50_000, 200_000, 999_999, 1_000_000, 1_000_001, 3_000_001, 4_000_000, 8_500_000, 15_000_000, 15_000_001,
  30_000_000, 82_000_000, 100_000_000, 1_000_000_000,
];

const cases = ITEMS_WITH_PACKS.flatMap((item) => VOLUMES.map((monthlyCalls) => ({ item, monthlyCalls, startMonth: '2020-01' })));
let checksum = 0;
for (const c of cases) checksum += advisePacks(c).savingFen; // warm up the JIT

const timings: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    const started = performance.now();
    checksum += advisePacks(c).plan.totalFen % 7;
    timings.push(performance.now() - started);
  }
}
timings.sort((a, b) => a - b);
const at = (q: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] * 1000) / 1000;
const maxMs = at(1);
console.log(
  JSON.stringify({
    bench: 'advisePacks',
    calls: timings.length,
    medianMs: at(0.5),
    p99Ms: at(0.99),
    maxMs,
    targetMsPerItem: TARGET_MS_PER_ITEM,
    meetsTarget: maxMs <= TARGET_MS_PER_ITEM,
    node: process.version,
    checksum,
  }),
);

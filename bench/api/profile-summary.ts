// npx tsx bench/api/profile-summary.ts <file.cpuprofile> [top=25] [from=runCall]
// Where a V8 CPU profile's time went (node --cpu-prof, as BENCH_PROFILE_DIR makes run.ts
// write): self time by function and by file, and total (inclusive) time by function. Only
// samples from the first one with the function `from` in its stack count — by default the
// gateway's `runCall`, the first request — so the process's start-up is left out.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, from = 'runCall'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** node_modules/<pkg>, node:<module> or the project path. */
function shortUrl(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return `npm:${m[1]}`;
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
}

function label(id: number): string {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
}

function stack(id: number): number[] {
  const ids: number[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) ids.push(at);
  return ids;
}

const isStart = (id: number) => byId.get(id)!.callFrame.functionName === from;
const first = profile.samples.findIndex((id) => stack(id).some(isStart));
if (first < 0) throw new Error(`no sample has ${from} in its stack`);

/**
 * The parts of the API's request path, first match wins, each a test on a sample's whole
 * stack (its files, or for the response its function): what issue 12 asks to be told.
 */
const PARTS: [string, (urls: string[], names: string[]) => boolean][] = [
  ['metering (group commit, allocation)', (u) => u.some((x) => /server\/gateway\/metering\.ts|server\/billing\//.test(x))],
  ['request log (请求日志) writes', (u) => u.some((x) => x.endsWith('server/gateway/request-log.ts'))],
  // A transaction resumed after an await has lost its caller's frames: metering or log flush.
  ['database, caller not in the stack (metering or log flush)', (u) => u.some((x) => /^db\/kernel\/|^npm:(drizzle-orm|better-sqlite3|pg)$/.test(x))],
  ['background refresh (keys, gates, clock, gallery)', (u) => u.some((x) => /snapshot-cache|key-resolver|account-gate|app-clock|gallery\/|clock\/repeat/.test(x))],
  ['signature (TC3)', (u) => u.some((x) => /server\/gateway\/(authenticate|tc3)\.ts/.test(x))],
  ['image decode + engine', (u) => u.some((x) => x.includes('server/engines/'))],
  ['JSON parse + base64', (u) => u.some((x) => /server\/gateway\/(request-params|image-input)\.ts/.test(x))],
  ['QPS limit', (u) => u.some((x) => /server\/gateway\/(limits\/|rate-limiter)/.test(x))],
  ['answer (JSON, headers, socket write)', (u, n) => n.includes('send') && u.some((x) => x.endsWith('server/gateway/http-server.ts'))],
  ['gateway, other', (u) => u.some((x) => /server\/gateway\//.test(x))],
  ['garbage collection', (_, n) => n.includes('(garbage collector)')],
  ['Node HTTP and sockets (parse, objects, reads)', (u) => u.some((x) => /^node:(_http|net|internal\/streams|internal\/stream_base|events)/.test(x))],
];

const byPart = new Map<string, number>();
const self = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
let busy = 0;
let idle = 0;
for (let i = first; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const us = profile.timeDeltas[i] ?? 0;
  const name = byId.get(id)!.callFrame.functionName;
  if (name === '(idle)') {
    idle += us;
    continue;
  }
  busy += us;
  add(self, label(id), us);
  add(selfByFile, shortUrl(byId.get(id)!.callFrame.url), us);
  const frames = stack(id).map((f) => byId.get(f)!.callFrame);
  for (const fn of new Set(stack(id).map(label))) add(inclusive, fn, us);
  const urls = frames.map((f) => shortUrl(f.url));
  const names = frames.map((f) => f.functionName);
  add(byPart, PARTS.find(([, test]) => test(urls, names))?.[0] ?? 'other', us);
}

const table = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name: name.slice(0, 100), ms: Math.round(us / 1000), ofBusy: `${((us / busy) * 100).toFixed(1)}%` }));

console.log(`${file}: from the first request, ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle`);
console.log('self time by function:');
console.table(table(self));
console.log('self time by file / package:');
console.table(table(selfByFile));
console.log('total time (self and callees) by function:');
console.table(table(inclusive));
console.log('by part of the request path:');
console.table(table(byPart));

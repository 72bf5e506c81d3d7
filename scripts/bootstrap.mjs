#!/usr/bin/env node
// `npm start` and `npm test` on a fresh clone: this file runs before any dependency is
// installed, so it uses nothing but Node itself.
//   node scripts/bootstrap.mjs start [--role api|console|scheduler|all]   install → migrate → build if stale → serve
//   node scripts/bootstrap.mjs serve [--role …]                           migrate → serve (no install, no build)
//   node scripts/bootstrap.mjs test    install → chromium, PostgreSQL, Redis, python3-requests →
//                                       typecheck → lint → unit (SQLite, then PostgreSQL) → build → e2e
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, freePortRange, startPostgres } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const CHROMIUM = '/usr/bin/chromium';

function log(message) {
  console.log(`\x1b[36m[bootstrap]\x1b[0m ${message}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  return r.status === 0;
}

function runOrDie(cmd, args, opts) {
  if (!run(cmd, args, opts)) {
    console.error(`[bootstrap] failed: ${cmd} ${args.join(' ')}`);
    process.exit(1);
  }
}

const lockHash = () => createHash('sha256').update(fs.readFileSync(fs.existsSync('package-lock.json') ? 'package-lock.json' : 'package.json')).digest('hex');

function ensureDependencies() {
  const stamp = path.join('node_modules', '.install-stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lockHash()) return;
  // A fresh clone gets exactly the lockfile (npm ci). An existing node_modules is brought
  // up to date in place instead: npm ci would delete it first, under a running dev server.
  const fresh = !fs.existsSync('node_modules') && fs.existsSync('package-lock.json');
  log(fresh ? 'installing dependencies (npm ci)' : 'package-lock.json changed: updating dependencies (npm install)');
  const args = [fresh ? 'ci' : 'install', '--no-audit', '--no-fund'];
  runOrDie('npm', args, { env: { NEXT_TELEMETRY_DISABLED: '1' } });
  fs.writeFileSync(stamp, lockHash()); // after: npm install may have rewritten the lockfile
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const BUILD_INPUTS = ['app', 'components', 'lib', 'server', 'db', 'public', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];

function ensureBuild() {
  const buildId = path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map(newestMtime));
  if (builtAt > sourcesAt) return;
  log(builtAt ? 'sources changed since the last build: rebuilding' : 'building the console');
  runOrDie(bin('next'), ['build'], { env: { NEXT_TELEMETRY_DISABLED: '1' } });
}

function ensureChromium() {
  const haveFonts = spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "Noto Sans CJK"']).status === 0;
  if (fs.existsSync(CHROMIUM) && haveFonts) return;
  log("installing Debian's chromium and fonts-noto-cjk with apt-get");
  runOrDie('apt-get', ['update', '-qq']);
  runOrDie('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

function migrate(env = {}) {
  runOrDie(bin('tsx'), ['scripts/migrate.ts'], { env });
}

const ROLES = ['all', 'api', 'console', 'scheduler'];

/** `--role api|console|scheduler|all` after the command (default all): what this host runs. */
function roleFromArgs(args) {
  const i = args.indexOf('--role');
  const role = i >= 0 ? args[i + 1] : 'all';
  if (!ROLES.includes(role)) {
    console.error(`[bootstrap] --role must be one of ${ROLES.join(', ')}, got ${role}`);
    process.exit(2);
  }
  return role;
}

/**
 * Runs this host's role until any of its processes stops: the console (next start) and/or
 * the backend (scripts/serve-backend.ts: the API cluster and/or the scheduler).
 */
function serve(role) {
  const port = process.env.PORT ?? '3000';
  const apiPort = process.env.API_PORT ?? '3001';
  migrate();
  const children = [];
  if (role === 'all' || role === 'console') {
    children.push(spawn(bin('next'), ['start', '-p', port], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }));
  }
  if (role !== 'console') children.push(spawn(bin('tsx'), ['scripts/serve-backend.ts', '--role', role], { stdio: 'inherit' }));
  const parts = { all: `console: http://localhost:${port}/   API: http://localhost:${apiPort}/   scheduler`, api: `API: http://localhost:${apiPort}/`, console: `console: http://localhost:${port}/`, scheduler: 'scheduler' };
  log(`role ${role}: ${parts[role]}   (Ctrl-C stops it)`);
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 4000).unref();
    Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const child of children) child.on('exit', (code) => stop(code ?? 1));
}

/** Reads the runners' JSON reports so the run ends with one plain summary line. */
function countResults(file, kind) {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (kind === 'vitest') return { passed: report.numPassedTests, failed: report.numFailedTests };
  const s = report.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}

/** Runs one Vitest pass; its JSON report is read for the closing count. */
function vitest(name, reports, args, env) {
  const out = path.join(reports, `vitest-${name}.json`);
  const ok = run(bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { env });
  return { ok, result: countResults(out, 'vitest') };
}

// Suites that touch the database run on PostgreSQL too; pure code and the model engines'
// own tests do not depend on the store, and run once per time zone above.
const STORE_INDEPENDENT = ['lib/**', 'server/engines/**'];
// Suites with no calendar in them (images, models, keys, passwords, rate limits, processes
// and the SDKs end to end): the second time zone has nothing to find there.
const NO_CALENDAR = [
  'server/engines/**',
  'server/gallery/**',
  'server/api-keys/**',
  'server/auth/**',
  'server/gateway/limits/**',
  'server/{gateway,explorer}/*.integration.test.ts',
  'server/gateway/{fuzz,address-guard,fetch-image,image-input}.test.ts',
  'server/clock/scheduler-lock.integration.test.ts',
  'db/**',
];

async function test() {
  ensureDependencies();
  ensureChromium();
  ensureDebianPackages(log);
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-reports-'));
  const steps = [];
  const results = [];
  const step = (name, ok) => {
    steps.push({ name, ok });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  };
  step('typecheck (tsc --noEmit)', run(bin('tsc'), ['--noEmit']));
  step('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=0']));
  // Billing months must not depend on the server's time zone: the suites that turn
  // instants into days and months run again in another zone.
  for (const tz of ['UTC', 'America/New_York']) {
    const { ok, result } = vitest(`sqlite-${tz.replace('/', '_')}`, reports, tz === 'UTC' ? [] : NO_CALENDAR.flatMap((g) => ['--exclude', g]), { TZ: tz });
    step(`unit tests (vitest, SQLite, TZ=${tz}${tz === 'UTC' ? '' : ', the calendar suites'})`, ok);
    results.push(result);
  }
  const postgres = await startPostgres();
  log(`PostgreSQL for the tests: ${postgres.url}`);
  const stopAll = () => postgres.stop();
  process.on('exit', stopAll);
  try {
    const { ok, result } = vitest('pg', reports, STORE_INDEPENDENT.flatMap((g) => ['--exclude', g]), { TZ: 'UTC', DATABASE_URL: postgres.url });
    step('unit and integration tests (vitest, PostgreSQL)', ok);
    results.push(result);
    ensureBuild();
    // The production build itself, over HTTP (`*.built.test.ts`): on each store.
    for (const [store, url] of [['SQLite', undefined], ['PostgreSQL', postgres.url]]) {
      const { ok, result } = vitest(`built-${store}`, reports, [], { TZ: 'UTC', VITEST_BUILT: '1', ...(url ? { DATABASE_URL: url } : {}) });
      step(`production console tests (vitest, next start, ${store})`, ok);
      results.push(result);
    }
    const e2eOut = path.join(reports, 'playwright.json');
    const e2eDbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-e2e-'));
    const env = {
      E2E_PORT_BASE: String(await freePortRange(80)),
      E2E_DB_DIR: e2eDbDir,
      E2E_PG_URL: postgres.url,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eOut,
    };
    createE2eDatabases(postgres.url);
    step('end-to-end tests (playwright, chromium; SQLite and PostgreSQL)', run(bin('playwright'), ['test'], { env }));
    results.push(countResults(e2eOut, 'playwright'));
    fs.rmSync(e2eDbDir, { recursive: true, force: true });
  } finally {
    stopAll();
  }
  const counted = results.filter(Boolean);
  const passed = counted.reduce((n, r) => n + r.passed, 0);
  const failed = counted.reduce((n, r) => n + r.failed, 0) + steps.filter((s) => !s.ok && !/tests/.test(s.name)).length;
  console.log('');
  for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}`);
  console.log(`${passed} passed, ${failed} failed`);
  const ok = steps.every((s) => s.ok);
  // A run that passed leaves nothing behind; a failed one keeps the runners' JSON reports.
  if (ok) fs.rmSync(reports, { recursive: true, force: true });
  else console.log(`reports kept in ${reports}`);
  process.exit(ok ? 0 : 1);
}

/** The pg project's servers each get a database of their own (e2e/servers.ts names them). */
function createE2eDatabases(url) {
  const names = spawnSync(bin('tsx'), ['e2e/pg-databases.ts'], {
    encoding: 'utf8',
    env: { ...process.env, E2E_PG_URL: url },
  }).stdout.trim();
  for (const name of names.split(/\s+/).filter(Boolean)) runOrDie('psql', [url, '-q', '-c', `CREATE DATABASE ${name}`]);
}

const command = process.argv[2];
if (command === 'start') {
  const role = roleFromArgs(process.argv.slice(3));
  ensureDependencies();
  // Only the console needs the Next.js build.
  if (role === 'all' || role === 'console') ensureBuild();
  serve(role);
} else if (command === 'serve') {
  serve(roleFromArgs(process.argv.slice(3)));
} else if (command === 'test') {
  await test();
} else {
  console.error('usage: node scripts/bootstrap.mjs start|serve [--role api|console|scheduler|all] | test');
  process.exit(2);
}

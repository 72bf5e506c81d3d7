#!/usr/bin/env node
// `npm start` and `npm test` on a fresh clone: this file runs before any dependency is
// installed, so it uses nothing but Node itself.
//   node scripts/bootstrap.mjs start   install → migrate → build if stale → serve
//   node scripts/bootstrap.mjs serve   migrate → serve (no install, no build)
//   node scripts/bootstrap.mjs test    install → chromium, python3-requests → typecheck → lint → unit → build → e2e
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The Python SDK suite (server/gateway/sdk-python) runs Debian's python3 with python3-requests. */
function ensurePythonRequests() {
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  if (spawnSync(python, ['-c', 'import requests']).status === 0) return;
  log("installing Debian's python3 and python3-requests with apt-get (the Python SDK suite needs them)");
  runOrDie('apt-get', ['update', '-qq']);
  runOrDie('apt-get', ['install', '-y', '-qq', 'python3', 'python3-requests'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

function migrate(env = {}) {
  runOrDie(bin('tsx'), ['scripts/migrate.ts'], { env });
}

/** Runs the console (next start) and the backend (API + scheduler) until either stops. */
function serve() {
  const port = process.env.PORT ?? '3000';
  const apiPort = process.env.API_PORT ?? '3001';
  migrate();
  const children = [
    spawn(bin('next'), ['start', '-p', port], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }),
    spawn(bin('tsx'), ['scripts/serve-backend.ts'], { stdio: 'inherit' }),
  ];
  log(`console: http://localhost:${port}/   API: http://localhost:${apiPort}/   (Ctrl-C stops both)`);
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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Reads the runners' JSON reports so the run ends with one plain summary line. */
function countResults(file, kind) {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (kind === 'vitest') return { passed: report.numPassedTests, failed: report.numFailedTests };
  const s = report.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}

async function test() {
  ensureDependencies();
  ensureChromium();
  ensurePythonRequests();
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-reports-'));
  const steps = [];
  const step = (name, ok) => {
    steps.push({ name, ok });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  };
  step('typecheck (tsc --noEmit)', run(bin('tsc'), ['--noEmit']));
  step('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=0']));
  // Billing months must not depend on the server's time zone: the unit suite runs twice.
  const unit = [];
  for (const tz of ['UTC', 'America/New_York']) {
    const out = path.join(reports, `vitest-${tz.replace('/', '_')}.json`);
    step(`unit tests (vitest, TZ=${tz})`, run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { env: { TZ: tz } }));
    unit.push(countResults(out, 'vitest'));
  }
  ensureBuild();
  const e2eDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-e2e-'));
  const e2eOut = path.join(reports, 'playwright.json');
  const env = {
    E2E_PORT: String(await freePort()),
    E2E_API_PORT: String(await freePort()),
    E2E_BETA_PORT: String(await freePort()),
    E2E_BETA_API_PORT: String(await freePort()),
    E2E_DATABASE_URL: path.join(e2eDir, 'console.db'),
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eOut,
  };
  step('end-to-end tests (playwright, chromium)', run(bin('playwright'), ['test'], { env }));
  const results = [...unit, countResults(e2eOut, 'playwright')].filter(Boolean);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + steps.filter((s) => !s.ok && !/tests/.test(s.name)).length;
  console.log('');
  for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(steps.every((s) => s.ok) ? 0 : 1);
}

const command = process.argv[2];
if (command === 'start') {
  ensureDependencies();
  ensureBuild();
  serve();
} else if (command === 'serve') {
  serve();
} else if (command === 'test') {
  await test();
} else {
  console.error('usage: node scripts/bootstrap.mjs start|serve|test');
  process.exit(2);
}

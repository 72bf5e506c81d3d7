// Throwaway PostgreSQL and Redis servers for `npm test` (and benchmarks): Debian's
// packages, data in a temp folder, a free loopback port, stopped by the returned stop().
// Uses nothing but Node, like bootstrap.mjs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const canListen = (port) =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** The kernel's first ephemeral port: outgoing connections take their local ports from there up. */
function ephemeralPortsStart() {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * The first of `count` consecutive free loopback ports (for a suite that starts many
 * servers), below the ephemeral range: a port free now but in that range can become the
 * local end of some process's outgoing connection (a PostgreSQL pool's, say) before its
 * server binds it, and the server then fails with EADDRINUSE (seen in a clean-clone run: an
 * e2e API port held by a pool connection, its cluster worker restarted a hundred times).
 */
export async function freePortRange(count) {
  const bases = Math.max(1, ephemeralPortsStart() - count - 10_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * bases);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await canListen(p);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

const hasCommand = (file) => fs.existsSync(file);

function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** Installs what the tests need from Debian when it is missing (one apt-get run for all). */
export function ensureDebianPackages(log) {
  const want = [];
  if (!postgresBin()) want.push('postgresql');
  if (!hasCommand('/usr/bin/redis-server')) want.push('redis-server');
  // Debian's interpreter, the one python3-requests installs for (and the Python SDK suite runs).
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  if (spawnSync(python, ['-c', 'import requests']).status !== 0) want.push('python3-requests');
  if (want.length === 0) return;
  log(`installing Debian's ${want.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...want], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`apt-get install ${want.join(' ')} failed`);
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

const canConnect = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/**
 * Starts a PostgreSQL server of its own. PostgreSQL refuses to run as root, so initdb and
 * pg_ctl run as the `postgres` user when this process is root. fsync is off: the cluster
 * is thrown away at the end, and the tests measure behaviour, not durability.
 */
export async function startPostgres() {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian package postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const run = (cmd, args) => {
    const [c, a] = as(cmd, args);
    const r = spawnSync(c, a, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  await waitFor(() => canConnect(port), 'PostgreSQL');
  const stop = () => {
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}

/** Starts a Redis server of its own (no persistence) on a free port. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(() => canConnect(port), 'Redis');
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => child.kill('SIGTERM') };
}

// `node scripts/services.mjs postgres|redis`: one server in the foreground, for a person
// (or a benchmark) that wants one; Ctrl-C stops and removes it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2];
  const server = which === 'postgres' ? await startPostgres() : which === 'redis' ? await startRedis() : null;
  if (!server) {
    console.error('usage: node scripts/services.mjs postgres|redis');
    process.exit(2);
  }
  console.log(server.url);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

// The load generator of bench/limits in a process of its own, so it does not share an
// event loop (or a core's time slices, as far as the OS allows) with the primary it
// measures. `node --import tsx load-child.ts <port> <seconds> <connections>` prints
// {"sent", "elapsedMs"}; each request names one of 32 accounts in X-Account.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { runLoad as runLoadHere } from '../api/load';

export { percentile } from '../api/load';

export function freePortFor(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function runLoad(port: number, seconds: number, connections: number): Promise<{ sent: number; elapsedMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, String(port), String(seconds), String(connections)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`)))));
}

if (require.main === module) {
  const [port, seconds, connections] = process.argv.slice(2).map(Number);
  void runLoadHere({
    port,
    connections,
    durationMs: seconds * 1000,
    body: '{}',
    headers: () => ({ 'Content-Type': 'application/json', 'X-Account': String(Math.floor(Math.random() * 32)) }),
  }).then((r) => console.log(JSON.stringify({ sent: r.sent, elapsedMs: r.elapsedMs })));
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Servers as processes of their own, for the tests that need real processes (a cluster, a
// SIGKILL, a production build): output is kept line by line so a test can wait for a line.

export interface ServerProcess {
  child: ChildProcess;
  /** Every line it printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already printed or to come); rejects after `timeoutMs` or if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const SCRIPT = path.join(process.cwd(), 'scripts', 'serve-backend.ts');

/** scripts/serve-backend.ts (the API cluster and/or the scheduler). */
export function startBackend(args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  return startServerProcess(process.execPath, ['--import', 'tsx', SCRIPT, ...args], env);
}

/** The built console (`next start`), as `npm start` runs it; needs a `next build` first. */
export function startConsole(port: number, env: NodeJS.ProcessEnv): ServerProcess {
  const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  return startServerProcess(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { ...env, NEXT_TELEMETRY_DISABLED: '1' });
}

function startServerProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      for (const l of listeners) l();
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((l) => pattern.test(l));
          if (line === undefined) return false;
          done();
          resolve(line);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
        }, timeoutMs);
        const onExit = () => {
          if (check()) return;
          done();
          reject(new Error(`exited before a line matching ${pattern}; output:\n${lines.join('\n')}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        if (check()) return;
        listeners.add(check);
        child.once('exit', onExit);
      });
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface RedisService {
  url: string;
  stop(): void;
}

/** A throwaway redis-server on a free port (scripts/services.mjs). */
export async function startRedis(): Promise<RedisService> {
  const services = (await import(pathToFileURL(path.join(process.cwd(), 'scripts', 'services.mjs')).href)) as { startRedis(): Promise<RedisService> };
  return services.startRedis();
}

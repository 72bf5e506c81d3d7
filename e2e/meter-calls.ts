import { execFileSync } from 'node:child_process';
import type { SpecServer } from './servers';

/**
 * Meters successful calls for an account exactly as the API would (the sandbox CLI,
 * through allocateCalls) at the current app time of `server`; returns that time's day (UTC+8).
 */
export function meterCalls(server: SpecServer, email: string, item: string, count: number): string {
  const out = execFileSync('node_modules/.bin/tsx', ['scripts/sandbox.ts', 'meter', email, item, String(count)], {
    env: { ...process.env, DATABASE_URL: server.databaseUrl },
    encoding: 'utf8',
  });
  const day = /调用时间 (\d{4}-\d{2}-\d{2}) /.exec(out)?.[1];
  if (!day) throw new Error(`unexpected sandbox output: ${out}`);
  return day;
}

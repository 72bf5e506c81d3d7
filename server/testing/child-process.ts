import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '@/db/client';
import { testDbUrl } from '@/db/testing';

const run = promisify(execFile);

/**
 * Runs a script of server/testing in a process of its own on the test database `db`
 * (DATABASE_URL: the same file, or the same PostgreSQL database); resolves to what it
 * printed, parsed as JSON.
 */
export async function runWorker<T>(db: Db, script: string, args: readonly (string | number)[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args.map(String)], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: testDbUrl(db) },
  });
  return JSON.parse(stdout) as T;
}

/** A start line for workers: late enough for every process to be up and waiting. */
export const startLine = (ms = 3_000) => Date.now() + ms;

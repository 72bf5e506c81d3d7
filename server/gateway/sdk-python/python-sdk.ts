import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// Runs run_cases.py: the official Python SDK (../shared/clients, SPEC §13) calling the test
// server. Asynchronous on purpose: the server answers from this same process.

/** Debian's interpreter, where python3-requests is installed (scripts/bootstrap.mjs). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const PYTHON_SDK = path.resolve(process.cwd(), '..', 'shared', 'clients', 'tencentcloud-sdk-python');
const SCRIPT = path.join(__dirname, 'run_cases.py');

export interface PythonCase {
  id: string;
  secretId: string;
  secretKey: string;
  action: string;
  params: Record<string, unknown>;
  reqMethod?: 'POST' | 'GET';
  signMethod?: 'TC3-HMAC-SHA256' | 'HmacSHA1' | 'HmacSHA256';
  language?: 'zh-CN' | 'en-US';
  /** Sign the word UNSIGNED-PAYLOAD instead of the body (X-TC-Content-SHA256). */
  unsignedPayload?: boolean;
  /** TiiaClient with typed models (default), or CommonClient for actions this SDK release dropped. */
  client?: 'tiia' | 'common';
}

export type PythonResult =
  | { id: string; ok: true; response: Record<string, unknown> & { RequestId: string }; unknownFields?: string[] }
  | { id: string; ok: false; code: string; message: string; requestId: string };

export function runPythonCases(endpoint: string, cases: readonly PythonCase[]): Promise<Map<string, PythonResult>> {
  if (!existsSync(PYTHON_SDK)) return Promise.reject(new Error(`the official Python SDK is not at ${PYTHON_SDK}: the tests run from a checkout beside ../shared (SPEC §13)`));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { env: { ...process.env, TENCENTCLOUD_SDK_PYTHON: PYTHON_SDK }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`run_cases.py exited ${code}: ${Buffer.concat(err).toString()}`));
      const { results } = JSON.parse(Buffer.concat(out).toString('utf8')) as { results: PythonResult[] };
      resolve(new Map(results.map((r) => [r.id, r])));
    });
    // A script that dies at once (a broken interpreter) closes its stdin under us: its exit code says why, not an EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify({ endpoint, cases }));
  });
}

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequests } from '@/db/schema';
import { curlSnippet, nodeSnippet, pythonSnippet, SECRET_KEY_PLACEHOLDER, type SnippetRequest } from '@/lib/explorer/snippets';
import { shapesImage } from '@/server/engines/sample-images';
import { PYTHON, PYTHON_SDK } from '@/server/gateway/sdk-python/python-sdk';
import { startTestApi, type TestApi, type TestCustomer } from '@/server/gateway/test-api';

// 在线调试's snippets are "ready to run": here each one is run, as the customer would after
// filling in the SecretKey, by node, python3 and bash against a real API server, and the
// API's answer and its metering are checked.

const run = promisify(execFile);
let api: TestApi;
let customer: TestCustomer;
let dir: string;

beforeAll(async () => {
  api = await startTestApi();
  customer = await api.customer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'explorer-snippets-'));
  writeFileSync(path.join(dir, 'shapes.png'), await shapesImage(320, 240));
  writeFileSync(path.join(dir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api.close();
});

type Runner = (req: SnippetRequest) => { file: string; cmd: string; args: string[]; env: Record<string, string> };

const RUNNERS: Record<'node' | 'python' | 'curl', Runner> = {
  node: () => ({ file: 'explorer.js', cmd: process.execPath, args: ['explorer.js'], env: { NODE_PATH: path.resolve('node_modules') } }),
  python: () => ({ file: 'explorer.py', cmd: PYTHON, args: ['explorer.py'], env: { PYTHONPATH: PYTHON_SDK } }),
  curl: () => ({ file: 'explorer.sh', cmd: 'bash', args: ['explorer.sh'], env: {} }),
};
const SNIPPETS = { node: nodeSnippet, python: pythonSnippet, curl: curlSnippet };

/** Writes the snippet with the real SecretKey in place of the placeholder, runs it, returns what it printed. */
async function runSnippet(lang: keyof typeof RUNNERS, req: SnippetRequest): Promise<{ stdout: string; stderr: string }> {
  const code = SNIPPETS[lang](req);
  expect(code).toContain(SECRET_KEY_PLACEHOLDER);
  const { file, cmd, args, env } = RUNNERS[lang](req);
  writeFileSync(path.join(dir, file), code.replaceAll(SECRET_KEY_PLACEHOLDER, customer.secretKey));
  return run(cmd, args, { cwd: dir, env: { ...process.env, ...env }, timeout: 30_000 });
}

/** The JSON object a successful snippet printed: the SDKs print the fields, curl the whole envelope. */
function fields(lang: keyof typeof RUNNERS, { stdout }: { stdout: string }): Record<string, unknown> {
  const parsed = JSON.parse(stdout) as Record<string, unknown>;
  return lang === 'curl' ? (parsed.Response as Record<string, unknown>) : parsed;
}

async function meteredCalls(requestId: string): Promise<number | undefined> {
  const [row] = await api.db.select({ calls: apiRequests.calls }).from(apiRequests).where(eq(apiRequests.requestId, requestId));
  return row?.calls;
}

const base = (): Omit<SnippetRequest, 'action' | 'params'> => ({ endpoint: api.endpoint, protocol: 'http://', secretId: customer.secretId, imageFile: 'shapes.png' });

describe.each(['node', 'python', 'curl'] as const)('the %s snippet, run as written', (lang) => {
  it('AssessQuality on the uploaded file: answered and metered one call', async () => {
    const res = fields(lang, await runSnippet(lang, { ...base(), action: 'AssessQuality', params: { ImageBase64: 'x' } }));
    expect(res).toMatchObject({ LongImage: false, SmallImage: false });
    expect(typeof res.ClarityScore).toBe('number');
    expect(await meteredCalls(res.RequestId as string)).toBe(1);
  });

  it('CropImage with Width and Height: the crop box of a 1:1 ratio', async () => {
    const res = fields(lang, await runSnippet(lang, { ...base(), action: 'CropImage', params: { ImageBase64: 'x', Width: 1, Height: 1 } }));
    expect(res).toMatchObject({ Width: 240, Height: 240, OriginalWidth: 320, OriginalHeight: 240 });
  });

  it('ImageModeration through CommonClient reaches the API: a corrupt file is FailedOperation.ImageDecodeFailed', async () => {
    const { stdout, stderr } = await runSnippet(lang, { ...base(), imageFile: 'broken.jpg', action: 'ImageModeration', params: { ImageBase64: 'x', Scenes: ['PORN'], Extra: "it's" } });
    // curl prints the API's envelope; the SDKs raise, and the snippets print code, message and RequestId.
    if (lang === 'curl') expect((JSON.parse(stdout) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe('FailedOperation.ImageDecodeFailed');
    else expect(lang === 'node' ? stderr : stdout).toMatch(/^FailedOperation\.ImageDecodeFailed 图片解码失败.* [0-9a-f-]{36}\n$/s);
  });
});

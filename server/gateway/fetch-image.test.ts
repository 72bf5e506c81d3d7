import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageFetcher } from './fetch-image';

// Only loopback servers: the refusal of private addresses is what is under test.
let server: http.Server;
let base: string;
const IMAGE = Buffer.alloc(1000, 1);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/image.png') return res.end(IMAGE);
    if (req.url === '/big') return res.end(Buffer.alloc(5000));
    if (req.url === '/slow') return setTimeout(() => res.end(IMAGE), 2_000);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('createImageFetcher', () => {
  const allowed = createImageFetcher({ timeoutMs: 300, maxBytes: 4096, allowPrivate: true });
  const guarded = createImageFetcher({ timeoutMs: 300, maxBytes: 4096, allowPrivate: false });

  it('downloads when private addresses are allowed', async () => {
    expect((await allowed(`${base}/image.png`)).equals(IMAGE)).toBe(true);
  });

  it('refuses loopback by IP literal and by a name that resolves to it', async () => {
    expect(await code(guarded(`${base}/image.png`))).toBe('InvalidParameterValue');
    expect(await code(guarded(base.replace('127.0.0.1', 'localhost') + '/image.png'))).toBe('InvalidParameterValue');
    expect(await code(guarded('http://[::1]/x.png'))).toBe('InvalidParameterValue');
    expect(await code(guarded('http://169.254.169.254/latest/meta-data'))).toBe('InvalidParameterValue');
  });

  it('refuses other schemes, bad URLs, errors, oversized and slow downloads', async () => {
    expect(await code(allowed('file:///etc/passwd'))).toBe('InvalidParameterValue');
    expect(await code(allowed('not a url'))).toBe('InvalidParameterValue');
    expect(await code(allowed(`${base}/missing`))).toBe('FailedOperation.ImageDownloadError');
    expect(await code(allowed(`${base}/big`))).toBe('LimitExceeded.TooLargeFileError');
    expect(await code(allowed(`${base}/slow`))).toBe('FailedOperation.ImageDownloadError');
  });
});

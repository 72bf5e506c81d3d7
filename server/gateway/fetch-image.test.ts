import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageFetcher } from './fetch-image';

// Only loopback servers: the refusal of private addresses is what is under test.
let server: http.Server;
let base: string;
let hits = 0;
let closedPort: number;
const IMAGE = Buffer.alloc(1000, 1);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    if (req.url === '/image.png') return res.end(IMAGE);
    if (req.url === '/big') return res.end(Buffer.alloc(5000));
    if (req.url === '/slow') return setTimeout(() => res.end(IMAGE), 2_000);
    if (req.url === '/reset') return req.socket.destroy();
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: bound, read, released.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string } | 'OK'> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return { code, message };
  }
}

const REFUSED = { code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：地址不允许（仅允许公网地址）' };

describe('createImageFetcher', () => {
  const allowed = createImageFetcher({ timeoutMs: 300, maxBytes: 4096, allowPrivate: true });
  const guarded = createImageFetcher({ timeoutMs: 300, maxBytes: 4096, allowPrivate: false });

  it('downloads when private addresses are allowed', async () => {
    expect((await allowed(`${base}/image.png`)).equals(IMAGE)).toBe(true);
  });

  it('refuses non-public IP literals and names that resolve to one, without connecting', async () => {
    const before = hits;
    const port = new URL(base).port;
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '[::7f00:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[fec0::1]', '169.254.169.254', '2130706433']) {
      expect(await failure(guarded(`http://${host}:${port}/image.png`)), host).toEqual(REFUSED);
    }
    expect(hits).toBe(before);
  });

  it('says which class of failure, never the socket error text', async () => {
    expect(await failure(allowed(`${base}/missing`))).toEqual({ code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：HTTP 状态码 404' });
    expect(await failure(allowed(`${base}/big`))).toEqual({ code: 'LimitExceeded.TooLargeFileError', message: '图片下载失败：图片过大（超过 4 KB 上限）' });
    expect(await failure(allowed(`${base}/slow`))).toEqual({ code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：超时（0.3 秒内未完成）' });
    expect(await failure(allowed(`http://127.0.0.1:${closedPort}/x.png`))).toEqual({ code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：连接失败' });
    expect(await failure(allowed(`${base}/reset`))).toEqual({ code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：连接失败' });
    expect(await failure(allowed('http://no-such-host.invalid/x.png'))).toEqual({ code: 'FailedOperation.ImageDownloadError', message: '图片下载失败：连接失败' });
  });

  it('refuses other schemes and bad URLs as parameters', async () => {
    expect(await failure(allowed('file:///etc/passwd'))).toEqual({ code: 'InvalidParameterValue', message: 'ImageUrl 仅支持 http 和 https' });
    expect(await failure(allowed('not a url'))).toEqual({ code: 'InvalidParameterValue', message: 'ImageUrl 不是有效的 URL' });
  });
});

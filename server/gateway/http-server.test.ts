import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, SERVER_LIMITS } from './http-server';
import type { Gateway } from './gateway';
import { utcDate } from './tc3';
import { startTestApi, type TestApi } from './test-api';

// The API port before any engine work: what it answers to requests that are refused by
// their headers, without waiting for (or reading) a body.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Sends only a request head over a raw socket; resolves with whatever the server answers. */
function sendHead(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(api.port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      // One complete JSON answer is all this needs; the body it promised never comes.
      if (/\r\n\r\n\{.*\}$/s.test(answer)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
  });
}

const FIVE_MB = 5 * 1024 * 1024;
const now = () => Math.floor(Date.now() / 1000);

function head(extra: Record<string, string>): string {
  const headers = { Host: api.endpoint, 'Content-Type': 'application/json', 'Content-Length': String(FIVE_MB), 'X-TC-Action': 'AssessQuality', 'X-TC-Version': '2019-05-29', ...extra };
  return `POST / HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

function authorization(secretId: string, timestamp: number) {
  return `TC3-HMAC-SHA256 Credential=${secretId}/${utcDate(timestamp)}/tiia/tc3_request, SignedHeaders=content-type;host, Signature=${'0'.repeat(64)}`;
}

describe('the API port refuses by the headers alone, before a 5 MB body is sent', () => {
  it.each([
    ['no Authorization', {}, 'AuthFailure.InvalidAuthorization'],
    ['a malformed Authorization', { Authorization: 'Bearer x' }, 'AuthFailure.InvalidAuthorization'],
    ['a timestamp 301 s old', { Authorization: authorization('AKIDnone', now() - 301), 'X-TC-Timestamp': String(now() - 301) }, 'AuthFailure.SignatureExpire'],
    ['an unknown SecretId', { Authorization: authorization('AKIDnone', now()), 'X-TC-Timestamp': String(now()) }, 'AuthFailure.SecretIdNotFound'],
    ['a v1 signature in the query', {}, 'AuthFailure.SignatureFailure', '/?Action=AssessQuality&SignatureMethod=HmacSHA256&Signature=x'],
  ])('%s → %s', async (_, extra, code, target = '/') => {
    const answer = await sendHead(head(extra as Record<string, string>).replace('POST / ', `POST ${target} `));
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\nContent-Type: application\/json\r\n/);
    // Answered before the body: a client sending it would now finish and keep the connection.
    expect(answer).toMatch(/\r\nConnection: keep-alive\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ Response: { Error: { Code: code, Message: expect.any(String) }, RequestId: expect.any(String) } });
  });

  it('closes the connection after the answer when the body is over 6 MB or of unknown length', async () => {
    const heads: Record<string, string>[] = [{ 'Content-Length': String(7 * 1024 * 1024) }, { 'Content-Length': '', 'Transfer-Encoding': 'chunked' }];
    for (const extra of heads) {
      const request = head(extra).replace('Content-Length: \r\n', '');
      expect(await sendHead(request)).toMatch(/\r\nConnection: close\r\n[\s\S]*"AuthFailure.InvalidAuthorization"/);
    }
  });

  it('echoes a well-formed X-TC-TraceId, which the Node SDK puts in its errors', async () => {
    const answer = await sendHead(head({ 'X-TC-TraceId': 'trace-1234', 'Content-Length': '0' }));
    expect(answer).toMatch(/\r\nX-TC-TraceId: trace-1234\r\n/);
    expect(answer).not.toMatch(/Connection: close/);
  });
});

it('bounds connections, header size and the time a request may take', () => {
  const server = createApiServer({} as Gateway);
  expect({
    maxConnections: server.maxConnections,
    headersTimeoutMs: server.headersTimeout,
    requestTimeoutMs: server.requestTimeout,
    keepAliveTimeoutMs: server.keepAliveTimeout,
    // Set from the createServer option; @types/node does not declare the property.
    maxHeaderBytes: (server as unknown as { maxHeaderSize: number }).maxHeaderSize,
  }).toEqual(SERVER_LIMITS);
});

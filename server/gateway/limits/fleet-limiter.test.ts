import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createQpsLimiter } from './fleet-limiter';

/** A loopback port nothing listens on: Redis is down there. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

describe('the QPS limiter a deployment gets', () => {
  it('one process without Redis: its own windows, answered synchronously', () => {
    const limiter = createQpsLimiter({});
    expect([1, 2, 3].map(() => limiter.tryAcquire('1:AssessQuality', 2))).toEqual([true, true, false]);
  });

  it("REDIS_URL set: Redis's windows, this process's while Redis is down", async () => {
    const lines: string[] = [];
    const limiter = createQpsLimiter({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }, { log: (l) => lines.push(l) });
    const answers = await Promise.all([1, 2, 3].map(() => limiter.tryAcquire('1:AssessQuality', 2)));
    expect(answers).toEqual([true, true, false]);
    expect(lines).toEqual([expect.stringMatching(/^QPS limit: Redis unavailable \(.+\); deciding by this process's window until it answers$/)]);
    await limiter.close!();
  });

  it('refuses a timeout that is not a positive integer', () => {
    expect(() => createQpsLimiter({ QPS_LIMIT_TIMEOUT_MS: '0' })).toThrow('QPS_LIMIT_TIMEOUT_MS must be a positive integer, got 0');
  });

});

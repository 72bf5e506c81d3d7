import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { QpsLimiter } from '../rate-limiter';
import { remoteLimiter, type Call, type RemoteLimiter, type WindowStore } from './remote-limiter';
import { WINDOW_MS, type Take } from './sliding-window';

// One QPS limit for the whole fleet: the sliding window log of every key lives in Redis,
// one sorted set per key (one member per allowed call, so at most `limit` members), and
// one Lua script takes a slot atomically in one round trip. The script reads Redis's own
// clock (TIME), so the API hosts' clocks may disagree without loosening the limit.

/**
 * How long a request waits for Redis before the fallback decides. Redis answers a script
 * like this in well under a millisecond plus the network round trip; 50 ms is far above
 * that on any sane network and still short against a request's own latency.
 */
export const REDIS_TIMEOUT_MS = 50;

export const KEY_PREFIX = 'iac:qps:';

/** How long ready() waits for the first connection; the fallback decides until then. */
const READY_WAIT_MS = 5_000;

// KEYS[1] the key; ARGV: limit, window (µs), a member unique to this call.
// Returns 0 when the slot is taken, else the ms until one frees (≥ 1).
const TAKE_SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local used = redis.call('ZCARD', key)
if used < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, math.ceil(window / 1000))
  return 0
end
local oldest = redis.call('ZRANGE', key, used - limit, used - limit, 'WITHSCORES')
return math.max(1, math.ceil((tonumber(oldest[2]) + window - now) / 1000))
`;

type WithTake = Redis & { iacQpsTake(key: string, limit: number, windowUs: number, member: string): Promise<number> };

export interface RedisStoreOptions {
  timeoutMs?: number;
  keyPrefix?: string;
}

export function redisStore(url: string, { timeoutMs = REDIS_TIMEOUT_MS, keyPrefix = KEY_PREFIX }: RedisStoreOptions = {}): WindowStore {
  const redis = new Redis(url, {
    // The calls of one event-loop turn leave in one write (the batch of remoteLimiter).
    enableAutoPipelining: true,
    // A hung Redis fails the command after timeoutMs; a down one fails it at once (no
    // queueing while disconnected, no retry after a reconnect): the fallback decides, and
    // ioredis keeps reconnecting in the background.
    commandTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  }) as WithTake;
  // Connection errors surface as failed commands, logged once per outage by remoteLimiter.
  redis.on('error', () => {});
  redis.defineCommand('iacQpsTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  // A member must be unique within a key's window across every host: this client's id and a counter.
  const client = randomBytes(6).toString('base64url');
  let seq = 0;
  return {
    name: 'Redis',
    take: (calls: readonly Call[]): Promise<Take[]> =>
      Promise.all(calls.map((c) => redis.iacQpsTake(keyPrefix + c.key, c.limit, WINDOW_MS * 1000, `${client}:${seq++}`))),
    ready: () =>
      new Promise<void>((resolve) => {
        if (redis.status === 'ready') return resolve();
        const done = () => {
          clearTimeout(timer);
          redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, READY_WAIT_MS);
        redis.once('ready', done);
      }),
    async close() {
      redis.disconnect();
    },
  };
}

/** A limiter for the fleet: Redis's windows; `fallback` (the host's) while Redis does not answer. */
export function createRedisLimiter(
  url: string,
  fallback: QpsLimiter,
  options: RedisStoreOptions & { fallbackName?: string; log?: (line: string) => void; now?: () => number } = {},
): RemoteLimiter {
  return remoteLimiter(redisStore(url, options), { fallback, fallbackName: options.fallbackName ?? "this host's window", log: options.log, now: options.now });
}

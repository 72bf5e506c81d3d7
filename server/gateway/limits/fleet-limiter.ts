import nodeCluster from 'node:cluster';
import { positiveInteger } from '@/server/sizing';
import { createRateLimiter, type QpsLimiter } from '../rate-limiter';
import { createHostLimiter } from './host-limits';
import { createRedisLimiter } from './redis-limits';

/**
 * The API process's QPS limiter, by deployment (docs/deployment.md):
 * - one process: its own windows (synchronous);
 * - a node:cluster worker: the host's windows in the primary, its own when the primary is slow;
 * - REDIS_URL set: the fleet's windows in Redis, the host's (or process's) when Redis is not answering.
 * A cluster primary must run serveHostLimits() for its workers. QPS_LIMIT_TIMEOUT_MS, when
 * set, replaces both timeouts (HOST_TIMEOUT_MS, REDIS_TIMEOUT_MS): for a Redis across a slow
 * link, or a test on a machine too busy to answer within them.
 */
export function createQpsLimiter(
  env: Record<string, string | undefined>,
  { clusterWorker = nodeCluster.isWorker, log = console.warn }: { clusterWorker?: boolean; log?: (line: string) => void } = {},
): QpsLimiter {
  const timeoutMs = positiveInteger(env, 'QPS_LIMIT_TIMEOUT_MS');
  const own = createRateLimiter();
  const host = clusterWorker ? createHostLimiter(own, { log, timeoutMs }) : own;
  if (!env.REDIS_URL) return host;
  return createRedisLimiter(env.REDIS_URL, host, { log, timeoutMs, fallbackName: clusterWorker ? "the host's window" : "this process's window" });
}

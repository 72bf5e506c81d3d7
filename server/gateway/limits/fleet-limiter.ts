import nodeCluster from 'node:cluster';
import { createRateLimiter, type QpsLimiter } from '../rate-limiter';
import { createHostLimiter } from './host-limits';
import { createRedisLimiter } from './redis-limits';

/**
 * The API process's QPS limiter, by deployment (docs/deployment.md):
 * - one process: its own windows (synchronous);
 * - a node:cluster worker: the host's windows in the primary, its own when the primary is slow;
 * - REDIS_URL set: the fleet's windows in Redis, the host's (or process's) when Redis is not answering.
 * A cluster primary must run serveHostLimits() for its workers.
 */
export function createQpsLimiter(
  env: Record<string, string | undefined>,
  { clusterWorker = nodeCluster.isWorker, log = console.warn }: { clusterWorker?: boolean; log?: (line: string) => void } = {},
): QpsLimiter {
  const own = createRateLimiter();
  const host = clusterWorker ? createHostLimiter(own, { log }) : own;
  if (!env.REDIS_URL) return host;
  return createRedisLimiter(env.REDIS_URL, host, { log, fallbackName: clusterWorker ? "the host's window" : "this process's window" });
}

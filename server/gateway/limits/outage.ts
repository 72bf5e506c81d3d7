/**
 * When a limiter's store (the cluster primary, Redis) stops answering, every call is
 * decided by the fallback; this says so when an outage starts and when it ends, not once
 * per request, and keeps the counts for a health page. A store that flaps (a primary
 * starved of CPU for a few ms now and then) would still write two lines per blip, so at
 * most one outage per LOG_EVERY_MS is logged; the next logged one counts the others.
 */
export interface OutageStatus {
  /** Since when (epoch ms) the store has not answered; null while it does. */
  downSince: number | null;
  /** Calls decided by the fallback since the process started. */
  fallbackDecisions: number;
  /** Outages since the process started. */
  outages: number;
}

export interface Outage {
  /** `calls` calls were decided by the fallback because of `reason`. */
  failed(reason: string, calls: number): void;
  /** The store answered. */
  answered(): void;
  /** True between failed() and the next answered(). */
  down(): boolean;
  status(): OutageStatus;
}

export const LOG_EVERY_MS = 60_000;

export function trackOutages(store: string, fallback: string, log: (line: string) => void, wall: () => number = Date.now): Outage {
  const status: OutageStatus = { downSince: null, fallbackDecisions: 0, outages: 0 };
  let decidedThisOutage = 0;
  let logged = false;
  let lastLogged = -Infinity;
  let unlogged = 0;
  return {
    failed(reason, calls) {
      status.fallbackDecisions += calls;
      decidedThisOutage += calls;
      if (status.downSince !== null) return;
      status.downSince = wall();
      status.outages++;
      logged = status.downSince - lastLogged >= LOG_EVERY_MS;
      if (!logged) {
        unlogged++;
        return;
      }
      lastLogged = status.downSince;
      const others = unlogged ? ` (and ${unlogged} shorter outages not logged since the last line)` : '';
      unlogged = 0;
      log(`QPS limit: ${store} unavailable (${reason}); deciding by ${fallback} until it answers${others}`);
    },
    answered() {
      if (status.downSince === null) return;
      const seconds = ((wall() - status.downSince) / 1000).toFixed(1);
      if (logged) log(`QPS limit: ${store} answers again after ${seconds} s; ${decidedThisOutage} calls were decided by ${fallback}`);
      status.downSince = null;
      decidedThisOutage = 0;
    },
    down: () => status.downSince !== null,
    status: () => ({ ...status }),
  };
}

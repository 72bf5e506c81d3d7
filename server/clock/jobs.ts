import { billRunJob, freePacksJob, orderLapseJob } from '@/server/billing/jobs';
import { requestLogPruneJob } from '@/server/gateway/request-log-retention';
import type { ScheduledJob } from './scheduler';

/** Every job the scheduler and `npm run clock -- set` run, in dependency order. */
export const ALL_JOBS: readonly ScheduledJob[] = [freePacksJob, billRunJob, orderLapseJob, requestLogPruneJob];

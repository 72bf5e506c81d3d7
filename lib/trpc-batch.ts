/**
 * The most calls one /api/trpc request may carry: the browser's batch link splits larger
 * batches, and the server refuses a request that names more (server/trpc/request-guard.ts).
 */
export const MAX_BATCH = 20;

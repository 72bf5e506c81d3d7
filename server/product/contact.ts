import type { DB } from '@/db/client';
import { contactRequests } from '@/db/schema';

/** 联系我们: higher concurrency or customisation is a human conversation; keep the ask for the operator. */
export function recordContactRequest(db: DB, input: { accountId: number; topic: string; message: string; now: number }) {
  return db
    .insert(contactRequests)
    .values({ accountId: input.accountId, topic: input.topic, message: input.message, createdAt: input.now })
    .returning({ id: contactRequests.id })
    .get();
}

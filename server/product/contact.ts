import type { Db } from '@/db/client';
import { transaction } from '@/db/kernel/transaction';
import { contactRequests } from '@/db/schema';

/** 联系我们: higher concurrency or customisation is a human conversation; keep the ask for the operator. */
export async function recordContactRequest(db: Db, input: { accountId: number; topic: string; message: string; now: number }): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(contactRequests)
      .values({ accountId: input.accountId, topic: input.topic, message: input.message, createdAt: input.now })
      .returning({ id: contactRequests.id });
    return row;
  });
}

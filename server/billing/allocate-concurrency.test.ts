// 64 allocators race for the last 1,000 calls of a prepaid pack: exactly 1,000 calls
// may come out of it, every other call is postpaid, and the counters add up exactly.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { packs, usageMonthly } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { runWorker, startLine } from '@/server/testing/child-process';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';

const CALL_AT = at('2019-12-20 12:00');
const ALLOCATORS = 64;
const CALLS_EACH = 20; // 64 × 20 = 1,280 calls: 1,000 from the pack, 280 postpaid

/** An account whose December free pack is used up and whose 10万次 label pack has 1,000 calls left. */
async function packWithThousandLeft(db: Db): Promise<number> {
  const { id } = await createTestAccount(db);
  await activateAccount(db, id, at('2019-12-01 09:00'));
  await topUp(db, { accountId: id, amountFen: 22_500, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
  const order = await createOrder(db, { accountId: id, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: 'o', now: at('2019-12-01 09:00') });
  await payOrder(db, { accountId: id, orderId: order.id, now: at('2019-12-01 09:00') });
  await allocateCalls(db, { accountId: id, item: 'label', count: 109_000, at: at('2019-12-02') });
  return id;
}

async function expectExactCounters(db: Db, accountId: number) {
  const [pack] = await db.select().from(packs).where(and(eq(packs.accountId, accountId), eq(packs.kind, 'prepaid')));
  expect(pack.usedCalls).toBe(100_000);
  const usage = await db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
  expect(usage).toEqual([expect.objectContaining({ totalCalls: 109_000 + 1_280, freeCalls: 10_000, packCalls: 100_000, chargedCalls: 280 })]);
}

describe('concurrent allocation', () => {
  it('64 async allocators on one database handle: exactly 1,000 calls from the pack', async () => {
    const db = await openTestDb();
    const id = await packWithThousandLeft(db);
    const results = await Promise.all(
      Array.from({ length: ALLOCATORS }, () => allocateCalls(db, { accountId: id, item: 'label', count: CALLS_EACH, at: CALL_AT })),
    );
    expect(results.reduce((s, r) => s + r.pack, 0)).toBe(1_000);
    expect(results.reduce((s, r) => s + r.charged, 0)).toBe(280);
    await expectExactCounters(db, id);
  });

  it('4 processes × 16 allocators on one database, each in its own transaction: exactly 1,000 calls from the pack', async () => {
    const db = await openTestDb();
    const id = await packWithThousandLeft(db);
    const startAt = startLine();
    const totals = await Promise.all(
      Array.from({ length: 4 }, () =>
        runWorker<{ pack: number; charged: number }>(db, 'allocate-worker.ts', [id, ALLOCATORS / 4, CALLS_EACH, startAt, CALL_AT]),
      ),
    );
    expect(totals.reduce((s, t) => s + t.pack, 0)).toBe(1_000);
    expect(totals.reduce((s, t) => s + t.charged, 0)).toBe(280);
    await expectExactCounters(db, id);
  }, 60_000);
});

// 64 allocators race for the last 1,000 calls of a prepaid pack: exactly 1,000 calls
// may come out of it, every other call is postpaid, and the counters add up exactly.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDb, openDb, openTestDb, type DB } from '@/db/client';
import { packs, usageMonthly } from '@/db/schema';
import { topUp } from '@/server/ledger';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { createOrder, payOrder } from './orders';

const run = promisify(execFile);
const CALL_AT = at('2019-12-20 12:00');
const ALLOCATORS = 64;
const CALLS_EACH = 20; // 64 × 20 = 1,280 calls: 1,000 from the pack, 280 postpaid

/** An account whose December free pack is used up and whose 10万次 label pack has 1,000 calls left. */
function packWithThousandLeft(db: DB): number {
  const { id } = createTestAccount(db);
  activateAccount(db, id, at('2019-12-01 09:00'));
  topUp(db, { accountId: id, amountFen: 22_500, idempotencyKey: 'seed', now: at('2019-12-01 09:00') });
  const order = createOrder(db, { accountId: id, item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: 'o', now: at('2019-12-01 09:00') });
  payOrder(db, { accountId: id, orderId: order.id, now: at('2019-12-01 09:00') });
  allocateCalls(db, { accountId: id, item: 'label', count: 109_000, at: at('2019-12-02') });
  return id;
}

function expectExactCounters(db: DB, accountId: number) {
  const pack = db.select().from(packs).where(and(eq(packs.accountId, accountId), eq(packs.kind, 'prepaid'))).get()!;
  expect(pack.usedCalls).toBe(100_000);
  const usage = db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId)).get()!;
  expect(usage).toMatchObject({ totalCalls: 109_000 + 1_280, freeCalls: 10_000, packCalls: 100_000, chargedCalls: 280 });
}

describe('concurrent allocation', () => {
  it('64 async allocators on one connection: exactly 1,000 calls from the pack', async () => {
    const db = openTestDb();
    const id = packWithThousandLeft(db);
    const results = await Promise.all(
      Array.from({ length: ALLOCATORS }, async () => allocateCalls(db, { accountId: id, item: 'label', count: CALLS_EACH, at: CALL_AT })),
    );
    expect(results.reduce((s, r) => s + r.pack, 0)).toBe(1_000);
    expect(results.reduce((s, r) => s + r.charged, 0)).toBe(280);
    expectExactCounters(db, id);
  });

  describe('across processes sharing one database file', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('4 processes × 16 allocators, each in its own BEGIN IMMEDIATE: exactly 1,000 calls from the pack', async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-'));
      const file = path.join(dir, 'console.db');
      const db = openDb(file);
      migrateDb(db);
      const id = packWithThousandLeft(db);

      const worker = path.join(__dirname, '..', 'testing', 'allocate-worker.ts');
      const startAt = Date.now() + 2_000; // past every process's start-up
      const outputs = await Promise.all(
        Array.from({ length: 4 }, () =>
          run(process.execPath, ['--import', 'tsx', worker, file, String(id), String(ALLOCATORS / 4), String(CALLS_EACH), String(startAt), String(CALL_AT)], {
            cwd: process.cwd(),
          }),
        ),
      );
      const totals = outputs.map((o) => JSON.parse(o.stdout) as { pack: number; charged: number });
      expect(totals.reduce((s, t) => s + t.pack, 0)).toBe(1_000);
      expect(totals.reduce((s, t) => s + t.charged, 0)).toBe(280);
      expectExactCounters(db, id);
      db.$client.close();
    }, 30_000);
  });
});

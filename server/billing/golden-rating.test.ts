// Golden cases: one month of one item, rated, billed and settled. Every figure below was
// worked out by hand from the price table (SPEC §1); each account tops up ¥3,000.00
// (300,000 fen) first, so cash after = 300,000 − payable, and the freeze for next month
// is the payable amount, limited to what is still available.
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import type { ItemCode } from '@/lib/catalog';
import type { Month } from '@/lib/period';
import { topUp } from '@/server/ledger';
import { accountBalances } from '@/server/queries/account';
import { expectBillsExplained } from '@/server/testing/expect-explained';
import { expectLedgerBalanced } from '@/server/testing/expect-ledger';
import { at, billFor, createTestAccount } from '@/server/testing/fixtures';
import { startClock, travelTo } from '@/server/testing/time-travel';
import { activateAccount } from './activation';
import { allocateCalls } from './allocate-calls';
import { billDueAt } from './bill-run';

interface Case {
  rule: string;
  month: Month;
  item: ItemCode;
  calls: number;
  line: { freeCalls: number; chargedCalls: number; tier: number | null; unitPrice: string; amount: string };
  bill: { subtotal: string; precisionAdjustment: string; payableFen: number; frozenFen: number };
  cashFen: number;
}

const CASES: Case[] = [
  {
    rule: 'a beta month is metered and charged ¥0 (公测免费)',
    month: '2019-11', item: 'label', calls: 5_000,
    line: { freeCalls: 0, chargedCalls: 5_000, tier: null, unitPrice: '0', amount: '0' },
    bill: { subtotal: '0', precisionAdjustment: '0', payableFen: 0, frozenFen: 0 },
    cashFen: 300_000,
  },
  {
    // 10,002 − 10,000 free = 2 charged × ¥2.5/1000 = ¥0.005 → payable ¥0.01
    rule: '10,002 label calls in Dec 2019: ¥0.005 rounds half up to ¥0.01 (+0.005)',
    month: '2019-12', item: 'label', calls: 10_002,
    line: { freeCalls: 10_000, chargedCalls: 2, tier: 1, unitPrice: '2.5', amount: '0.005' },
    bill: { subtotal: '0.005', precisionAdjustment: '0.005', payableFen: 1, frozenFen: 1 },
    cashFen: 299_999,
  },
  {
    // total 1,000,000 ≤ 100万 → tier 1 at ¥3/1000; 990,000 charged × ¥0.003 = ¥2,970.00.
    // Cash left 300,000 − 297,000 = 3,000 fen, so only 3,000 of the 297,000 estimate is frozen.
    rule: 'exactly 1,000,000 car calls stay in tier 1',
    month: '2019-12', item: 'car', calls: 1_000_000,
    line: { freeCalls: 10_000, chargedCalls: 990_000, tier: 1, unitPrice: '3', amount: '2970' },
    bill: { subtotal: '2970', precisionAdjustment: '0', payableFen: 297_000, frozenFen: 3_000 },
    cashFen: 3_000,
  },
  {
    // total 1,000,001 > 100万 → tier 2 at ¥2.5/1000 for every charged call (阶梯到达):
    // 990,001 × ¥0.0025 = ¥2,475.0025 → payable ¥2,475.00 (−0.0025). Cash left 52,500 fen.
    rule: '1,000,001 car calls reach tier 2, which prices every charged call',
    month: '2019-12', item: 'car', calls: 1_000_001,
    line: { freeCalls: 10_000, chargedCalls: 990_001, tier: 2, unitPrice: '2.5', amount: '2475.0025' },
    bill: { subtotal: '2475.0025', precisionAdjustment: '-0.0025', payableFen: 247_500, frozenFen: 52_500 },
    cashFen: 52_500,
  },
  {
    rule: '图像清晰度增强 is metered but never charged, and gets no free pack',
    month: '2019-12', item: 'enhance', calls: 50_000,
    line: { freeCalls: 0, chargedCalls: 50_000, tier: null, unitPrice: '0', amount: '0' },
    bill: { subtotal: '0', precisionAdjustment: '0', payableFen: 0, frozenFen: 0 },
    cashFen: 300_000,
  },
];

describe('golden rating: one month of one item, billed and settled', () => {
  it.each(CASES)('$rule', async (c) => {
    const db = await openTestDb();
    await startClock(db, at(`${c.month}-01 09:00`));
    const { id } = await createTestAccount(db);
    await activateAccount(db, id, at(`${c.month}-01 09:00`));
    await topUp(db, { accountId: id, amountFen: 300_000, idempotencyKey: 'top-up', now: at(`${c.month}-01 09:00`) });
    await travelTo(db, at(`${c.month}-15 12:00`));
    await allocateCalls(db, { accountId: id, item: c.item, count: c.calls, at: at(`${c.month}-15 12:00`) });

    // The scheduler issues the month's bill once the clock passes 01:00 on the 1st.
    expect(await travelTo(db, billDueAt(c.month))).toContain(`bill-run ${c.month}`);

    const detail = (await billFor(db, id, c.month))!;
    expect(detail.lines).toEqual([
      expect.objectContaining({ item: c.item, totalCalls: c.calls, packCalls: 0, ...c.line }),
    ]);
    expect(detail.bill).toMatchObject({ ...c.bill, deductedFen: c.bill.payableFen, releasedFen: 0 });
    expect(await accountBalances(db, id)).toEqual({
      cashFen: c.cashFen,
      frozenFen: c.bill.frozenFen,
      availableFen: c.cashFen - c.bill.frozenFen,
      inArrears: false,
    });
    await expectLedgerBalanced(db, id);
    // 账单解读 of the month's bill adds up to its line and payable.
    expect(await expectBillsExplained(db, id)).toBe(1);
  });
});

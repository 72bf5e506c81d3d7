import { describe, expect, it, vi } from 'vitest';
import { openTestDb } from '@/db/testing';
import { createTestAccount } from '@/server/testing/fixtures';
import { callerFor, trpcOutcome } from '../test-caller';

vi.mock('server-only', () => ({}));

describe('balanceAlert router', () => {
  it('keeps the threshold in exact fen, refuses bad amounts in Chinese and changes nothing then', async () => {
    const db = await openTestDb();
    const account = await createTestAccount(db);
    const alert = callerFor(db, { userId: account.userId, accountId: account.id }).balanceAlert;
    expect(await alert.get()).toEqual({ thresholdFen: null, sent: false });
    expect(await alert.set({ threshold: ' 100.10 ' })).toEqual({ thresholdFen: 10_010, sent: false });
    for (const [threshold, message] of [
      ['1.234', '请输入正确的金额，最多两位小数'],
      ['-1', '请输入正确的金额，最多两位小数'],
      ['1e3', '请输入正确的金额，最多两位小数'],
      ['0', '预警阈值须在 ¥0.01 至 ¥1,000,000.00 之间'],
      ['1000000.01', '预警阈值须在 ¥0.01 至 ¥1,000,000.00 之间'],
    ]) {
      expect(await trpcOutcome(alert.set({ threshold }))).toContain(message);
    }
    expect(await alert.get()).toEqual({ thresholdFen: 10_010, sent: false });
    expect(await alert.set({ threshold: null })).toEqual({ thresholdFen: null, sent: false });
  });
});

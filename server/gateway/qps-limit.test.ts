import { expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { createTestAccount } from '@/server/testing/fixtures';
import { setAccountQps } from './qps-limit';

it('sets and resets one account’s QPS by e-mail', () => {
  const db = openTestDb();
  const account = createTestAccount(db, { email: 'big@example.com' });
  expect(setAccountQps(db, ' Big@Example.com ', 200)).toEqual({ accountId: account.id, qpsLimit: 200 });
  expect(setAccountQps(db, 'big@example.com', null)).toEqual({ accountId: account.id, qpsLimit: null });
  expect(() => setAccountQps(db, 'big@example.com', 0)).toThrow('QPS 必须是');
  expect(() => setAccountQps(db, 'nobody@example.com', 50)).toThrow('不存在');
});

import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { accounts } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { createTestAccount } from '@/server/testing/fixtures';
import { setAccountQps } from './qps-limit';

it('sets and resets one account’s QPS by e-mail', async () => {
  const db = await openTestDb();
  const account = await createTestAccount(db, { email: 'big@example.com' });
  expect(await setAccountQps(db, ' Big@Example.com ', 200)).toEqual({ accountId: account.id, qpsLimit: 200 });
  expect(await setAccountQps(db, 'big@example.com', null)).toEqual({ accountId: account.id, qpsLimit: null });
  await expect(setAccountQps(db, 'big@example.com', 0)).rejects.toThrow('QPS 必须是');
  await expect(setAccountQps(db, 'nobody@example.com', 50)).rejects.toThrow('不存在');
  const [row] = await db.select({ qpsLimit: accounts.qpsLimit }).from(accounts).where(eq(accounts.id, account.id));
  expect(row.qpsLimit).toBeNull();
});

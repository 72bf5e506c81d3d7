import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { notify } from '@/server/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { assertOwnNotification } from './notifications';

describe('assertOwnNotification', () => {
  it("accepts the account's own message and answers 消息不存在 for another account's", async () => {
    const db = await openTestDb();
    const mine = await createTestAccount(db);
    const theirs = await createTestAccount(db);
    await transaction(db, (tx) => notify(tx, { accountId: theirs.id, kind: 'bill_issued', title: 't', body: 'b', dedupeKey: 'k', now: at('2020-01-01 02:00') }));
    await transaction(db, (tx) => notify(tx, { accountId: mine.id, kind: 'bill_issued', title: 't', body: 'b', dedupeKey: 'k', now: at('2020-01-01 02:00') }));
    await expect(assertOwnNotification(db, mine.id, 2)).resolves.toBeUndefined();
    await expect(assertOwnNotification(db, mine.id, 1)).rejects.toThrow('消息不存在');
  });
});

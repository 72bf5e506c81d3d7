import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { notify } from '@/server/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { assertOwnNotification } from './notifications';

describe('assertOwnNotification', () => {
  it("accepts the account's own message and answers 消息不存在 for another account's", () => {
    const db = openTestDb();
    const mine = createTestAccount(db);
    const theirs = createTestAccount(db);
    notify(db, { accountId: theirs.id, kind: 'bill_issued', title: 't', body: 'b', dedupeKey: 'k', now: at('2020-01-01 02:00') });
    notify(db, { accountId: mine.id, kind: 'bill_issued', title: 't', body: 'b', dedupeKey: 'k', now: at('2020-01-01 02:00') });
    expect(() => assertOwnNotification(db, mine.id, 2)).not.toThrow();
    expect(() => assertOwnNotification(db, mine.id, 1)).toThrow('消息不存在');
  });
});

import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { notify } from '@/server/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { assertOwnNotification, listNotifications, unreadCount } from './notifications';

describe('消息中心 as the console reads it', () => {
  it('pages newest first and counts unread messages of the account only', async () => {
    const db = await openTestDb();
    const me = await createTestAccount(db);
    const other = await createTestAccount(db);
    const raise = (accountId: number, n: number) =>
      transaction(db, (tx) => notify(tx, { accountId, kind: 'bill_issued', title: `t${n}`, body: 'b', dedupeKey: `k${n}`, now: at('2020-01-01 02:00') + n }));
    for (let n = 1; n <= 3; n++) await raise(me.id, n);
    await raise(other.id, 9);

    expect(await listNotifications(db, me.id, { page: 1, pageSize: 2 })).toMatchObject({ total: 3, page: 1, pageSize: 2, rows: [{ title: 't3' }, { title: 't2' }] });
    expect((await listNotifications(db, me.id, { page: 2, pageSize: 2 })).rows.map((r) => r.title)).toEqual(['t1']);
    expect([await unreadCount(db, me.id), await unreadCount(db, other.id)]).toEqual([3, 1]);
  });
});

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

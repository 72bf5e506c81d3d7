import { describe, expect, it } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { listNotifications, unreadCount } from '@/server/queries/notifications';
import { markRead } from './inbox';
import { notify } from './notify';

describe('消息中心', () => {
  it('raises an event once, and reads and counts per account', async () => {
    const db = await openTestDb();
    const me = await createTestAccount(db);
    const other = await createTestAccount(db);
    const n = (accountId: number, dedupeKey: string) =>
      transaction(db, (tx) => notify(tx, { accountId, kind: 'bill_issued', title: 't', body: 'b', dedupeKey, now: at('2020-01-01 01:00') }));
    expect(await n(me.id, 'bill:1')).toBe(true);
    expect(await n(me.id, 'bill:1')).toBe(false);
    await n(me.id, 'bill:2');
    await n(other.id, 'bill:3');
    expect(await unreadCount(db, me.id)).toBe(2);
    const [newest] = (await listNotifications(db, me.id)).rows;
    expect(newest.dedupeKey).toBe('bill:2');
    expect(await markRead(db, me.id, [newest.id], at('2020-01-02'))).toBe(1);
    expect(await markRead(db, other.id, 'all', at('2020-01-02'))).toBe(1);
    expect(await unreadCount(db, me.id)).toBe(1);
    expect(await markRead(db, me.id, 'all', at('2020-01-02'))).toBe(1);
    expect(await listNotifications(db, me.id)).toMatchObject({ total: 2, page: 1, pageSize: 20 });
  });
});

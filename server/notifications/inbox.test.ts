import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { listNotifications, markRead, unreadCount } from './inbox';
import { notify } from './notify';

describe('消息中心', () => {
  it('raises an event once, and reads and counts per account', () => {
    const db = openTestDb();
    const me = createTestAccount(db);
    const other = createTestAccount(db);
    const n = (accountId: number, dedupeKey: string) =>
      notify(db, { accountId, kind: 'bill_issued', title: 't', body: 'b', dedupeKey, now: at('2020-01-01 01:00') });
    expect(n(me.id, 'bill:1')).toBe(true);
    expect(n(me.id, 'bill:1')).toBe(false);
    n(me.id, 'bill:2');
    n(other.id, 'bill:3');
    expect(unreadCount(db, me.id)).toBe(2);
    const [newest] = listNotifications(db, me.id).rows;
    expect(newest.dedupeKey).toBe('bill:2');
    expect(markRead(db, me.id, [newest.id], at('2020-01-02'))).toBe(1);
    expect(markRead(db, other.id, 'all', at('2020-01-02'))).toBe(1);
    expect(unreadCount(db, me.id)).toBe(1);
    expect(markRead(db, me.id, 'all', at('2020-01-02'))).toBe(1);
    expect(listNotifications(db, me.id)).toMatchObject({ total: 2, page: 1, pageSize: 20 });
  });
});

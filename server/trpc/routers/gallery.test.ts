import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { openTestDb } from '@/db/testing';
import { initClock } from '@/server/clock/app-clock';
import { alteredAstronaut } from '@/server/testing/face-photos';
import { at } from '@/server/testing/fixtures';
import { callerFor, trpcOutcome as code } from '../test-caller';

vi.mock('server-only', () => ({}));

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
  await initClock(db, { sandbox: true, start: at('2019-12-05T10:00:00+08:00') });
});
const caller = (isOperator: boolean) => callerFor(db, { userId: 1, accountId: 1, isOperator }).gallery;

describe('gallery router', () => {
  it('refuses a non-operator with FORBIDDEN', async () => {
    expect(await code(caller(false).list({ kind: 'celebrity' }))).toBe('FORBIDDEN: 无权访问：仅运营人员可以管理人物库');
    expect(await code(caller(false).add({ kind: 'celebrity', name: 'a', labels: '', basicInfo: '' }))).toMatch(/^FORBIDDEN/);
  });

  it('lets an operator add a person with labels, upload a photo and remove the person', async () => {
    const op = caller(true);
    const { id } = await op.add({ kind: 'politics', name: ' 某政要 ', labels: '政要, 外交，官员', basicInfo: '' });
    await op.addPhoto({ personId: id, photoBase64: (await alteredAstronaut()).toString('base64') });
    expect(await op.list({ kind: 'politics' })).toMatchObject([{ id, name: '某政要', labels: ['政要', '外交', '官员'], photos: 1 }]);
    expect(await op.list({ kind: 'celebrity' })).toEqual([]);
    await op.remove({ id });
    expect(await code(op.remove({ id }))).toBe('NOT_FOUND: 人物不存在');
  }, 30_000); // face inference: ~2.5 s alone, far more on a loaded machine

  it('checks input with Chinese messages', async () => {
    const op = caller(true);
    expect(await code(op.add({ kind: 'celebrity', name: '  ', labels: '', basicInfo: '' }))).toMatch(/^BAD_REQUEST: [\s\S]*请填写姓名/);
    expect(await code(op.add({ kind: 'celebrity', name: 'a', labels: '1,2,3,4,5,6,7,8,9,10,11', basicInfo: '' }))).toMatch(/最多 10 个标签/);
    const { id } = await op.add({ kind: 'celebrity', name: '某人', labels: '', basicInfo: '' });
    expect(await code(op.addPhoto({ personId: id, photoBase64: 'R0lGODlh' }))).toBe('BAD_REQUEST: 请上传 JPEG 或 PNG 照片');
    expect(await code(op.addPhoto({ personId: id, photoBase64: 'not base64!' }))).toMatch(/^BAD_REQUEST: [\s\S]*有效的 Base64/);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '@/db/schema';
import { openTestDb } from '@/db/testing';
import { createTestAccount } from '@/server/testing/fixtures';
import { createKeyResolver } from './key-resolver';
import { createApiKey, deleteApiKey, listApiKeys, setApiKeyStatus } from './keys';
import { secretBox } from './secret-box';

const box = secretBox(randomBytes(32));
const NOW = Date.UTC(2019, 11, 5);

async function setup() {
  const db = await openTestDb();
  return { db, a: await createTestAccount(db), b: await createTestAccount(db) };
}

describe('API keys', () => {
  it('creates at most two keys per account, each shaped like a Tencent credential', async () => {
    const { db, a, b } = await setup();
    const first = await createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(first.key.secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
    expect(first.secretKey).toMatch(/^[A-Za-z0-9]{32}$/);
    await createApiKey(db, { accountId: a.id, box, now: NOW + 1 });
    await expect(createApiKey(db, { accountId: a.id, box, now: NOW + 2 })).rejects.toMatchObject({ code: 'LimitReached', message: '每个账号最多创建 2 个密钥' });
    expect((await listApiKeys(db, a.id)).map((k) => k.status)).toEqual(['enabled', 'enabled']);
    expect(await listApiKeys(db, b.id)).toEqual([]);
  });

  it('holds the limit of two when creations race', async () => {
    const { db, a } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => createApiKey(db, { accountId: a.id, box, now: NOW + i })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['LimitReached', 'LimitReached']);
    expect(await listApiKeys(db, a.id)).toHaveLength(2);
  });

  it('stores the SecretKey only encrypted', async () => {
    const { db, a } = await setup();
    const { secretKey } = await createApiKey(db, { accountId: a.id, box, now: NOW });
    const [row] = await db.select().from(apiKeys);
    expect(row.secretKeyEnc).not.toContain(secretKey);
    expect(box.open(row.secretKeyEnc, row.secretId)).toBe(secretKey);
  });

  it("refuses to touch another account's key", async () => {
    const { db, a, b } = await setup();
    const { key } = await createApiKey(db, { accountId: a.id, box, now: NOW });
    await expect(setApiKeyStatus(db, { accountId: b.id, id: key.id, status: 'disabled' })).rejects.toThrow('密钥不存在');
    await expect(deleteApiKey(db, { accountId: b.id, id: key.id })).rejects.toThrow('密钥不存在');
    expect((await listApiKeys(db, a.id))[0].status).toBe('enabled');
  });

  it('frees a slot when a key is deleted', async () => {
    const { db, a } = await setup();
    const k1 = await createApiKey(db, { accountId: a.id, box, now: NOW });
    await createApiKey(db, { accountId: a.id, box, now: NOW });
    await deleteApiKey(db, { accountId: a.id, id: k1.key.id });
    await createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(await listApiKeys(db, a.id)).toHaveLength(2);
  });
});

describe('key resolver', () => {
  it('resolves enabled keys from memory and forgets disabled or deleted ones at the next refresh', async () => {
    const { db, a } = await setup();
    const resolver = createKeyResolver(db, box);
    const { key, secretKey } = await createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(await resolver.resolve(key.secretId)).toMatchObject({ id: key.id, accountId: a.id, secretKey });
    expect(await resolver.resolve('AKIDunknown')).toBeNull();

    await setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'disabled' });
    expect(await resolver.resolve(key.secretId)).not.toBeNull(); // not refreshed yet
    await resolver.refresh();
    expect(await resolver.resolve(key.secretId)).toBeNull();

    await setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'enabled' });
    await resolver.refresh();
    expect(await resolver.resolve(key.secretId)).not.toBeNull();
    await deleteApiKey(db, { accountId: a.id, id: key.id });
    await resolver.refresh();
    expect(await resolver.resolve(key.secretId)).toBeNull();
  });

  it('answers a known key without reading the database, and learns a key first seen unknown at the next refresh', async () => {
    const { db, a } = await setup();
    const resolver = createKeyResolver(db, box);
    const { key } = await createApiKey(db, { accountId: a.id, box, now: NOW });
    await resolver.resolve(key.secretId);
    expect(resolver.resolve(key.secretId)).toMatchObject({ id: key.id }); // a value, not a pending read

    await setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'disabled' });
    await resolver.refresh();
    expect(await resolver.resolve(key.secretId)).toBeNull();
    await setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'enabled' });
    expect(await resolver.resolve(key.secretId)).toBeNull(); // still the cached refusal
    await resolver.refresh();
    expect(await resolver.resolve(key.secretId)).toMatchObject({ id: key.id });
  });

  it('writes last_used_at at most once per interval, at the refresh', async () => {
    const { db, a } = await setup();
    const resolver = createKeyResolver(db, box, { touchEveryMs: 60_000 });
    const { key } = await createApiKey(db, { accountId: a.id, box, now: NOW });
    const resolved = (await resolver.resolve(key.secretId))!;
    resolver.markUsed(resolved, NOW + 1_000);
    resolver.markUsed(resolved, NOW + 30_000);
    expect((await listApiKeys(db, a.id))[0].lastUsedAt).toBeNull();
    await resolver.refresh();
    expect((await listApiKeys(db, a.id))[0].lastUsedAt).toBe(NOW + 1_000);
    resolver.markUsed(resolved, NOW + 61_000);
    await resolver.refresh();
    expect((await listApiKeys(db, a.id))[0].lastUsedAt).toBe(NOW + 61_000);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { createTestAccount } from '@/server/testing/fixtures';
import { createKeyResolver } from './key-resolver';
import { createApiKey, deleteApiKey, listApiKeys, setApiKeyStatus } from './keys';
import { secretBox } from './secret-box';

const box = secretBox(randomBytes(32));
const NOW = Date.UTC(2019, 11, 5);

function setup() {
  const db = openTestDb();
  return { db, a: createTestAccount(db), b: createTestAccount(db) };
}

describe('API keys', () => {
  it('creates at most two keys per account, each shaped like a Tencent credential', () => {
    const { db, a, b } = setup();
    const first = createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(first.key.secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
    expect(first.secretKey).toMatch(/^[A-Za-z0-9]{32}$/);
    createApiKey(db, { accountId: a.id, box, now: NOW + 1 });
    expect(() => createApiKey(db, { accountId: a.id, box, now: NOW + 2 })).toThrow('最多创建 2 个密钥');
    expect(listApiKeys(db, a.id).map((k) => k.status)).toEqual(['enabled', 'enabled']);
    expect(listApiKeys(db, b.id)).toEqual([]);
  });

  it('stores the SecretKey only encrypted', () => {
    const { db, a } = setup();
    const { secretKey } = createApiKey(db, { accountId: a.id, box, now: NOW });
    const [row] = db.select().from(apiKeys).all();
    expect(row.secretKeyEnc).not.toContain(secretKey);
    expect(box.open(row.secretKeyEnc, row.secretId)).toBe(secretKey);
  });

  it("refuses to touch another account's key", () => {
    const { db, a, b } = setup();
    const { key } = createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(() => setApiKeyStatus(db, { accountId: b.id, id: key.id, status: 'disabled' })).toThrow('密钥不存在');
    expect(() => deleteApiKey(db, { accountId: b.id, id: key.id })).toThrow('密钥不存在');
    expect(listApiKeys(db, a.id)[0].status).toBe('enabled');
  });

  it('frees a slot when a key is deleted', () => {
    const { db, a } = setup();
    const k1 = createApiKey(db, { accountId: a.id, box, now: NOW });
    createApiKey(db, { accountId: a.id, box, now: NOW });
    deleteApiKey(db, { accountId: a.id, id: k1.key.id });
    expect(() => createApiKey(db, { accountId: a.id, box, now: NOW })).not.toThrow();
  });
});

describe('key resolver', () => {
  it('resolves enabled keys and forgets disabled or deleted ones within the TTL', () => {
    const { db, a } = setup();
    let wall = 1_000;
    const resolver = createKeyResolver(db, box, { ttlMs: 500, wall: () => wall });
    const { key, secretKey } = createApiKey(db, { accountId: a.id, box, now: NOW });
    expect(resolver.resolve(key.secretId)).toMatchObject({ id: key.id, accountId: a.id, secretKey });
    expect(resolver.resolve('AKIDunknown')).toBeNull();

    setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'disabled' });
    wall += 499;
    expect(resolver.resolve(key.secretId)).not.toBeNull(); // still cached
    wall += 1;
    expect(resolver.resolve(key.secretId)).toBeNull();

    setApiKeyStatus(db, { accountId: a.id, id: key.id, status: 'enabled' });
    wall += 500;
    expect(resolver.resolve(key.secretId)).not.toBeNull();
    deleteApiKey(db, { accountId: a.id, id: key.id });
    wall += 500;
    expect(resolver.resolve(key.secretId)).toBeNull();
  });

  it('writes last_used_at at most once per interval', () => {
    const { db, a } = setup();
    const resolver = createKeyResolver(db, box, { touchEveryMs: 60_000 });
    const { key } = createApiKey(db, { accountId: a.id, box, now: NOW });
    const resolved = resolver.resolve(key.secretId)!;
    resolver.markUsed(resolved, NOW + 1_000);
    resolver.markUsed(resolved, NOW + 30_000);
    expect(listApiKeys(db, a.id)[0].lastUsedAt).toBe(NOW + 1_000);
    resolver.markUsed(resolved, NOW + 61_000);
    expect(listApiKeys(db, a.id)[0].lastUsedAt).toBe(NOW + 61_000);
  });
});

import path from 'node:path';
import Database from 'better-sqlite3';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { closeDb, migrateDb, openDb, type Db } from '../client';
import { users } from '../schema';
import { STORE } from '../store';
import { openTestDb, testDbUrl, testTempDir } from '../testing';
import { sqliteConnectionOf } from './sqlite-connection';
import { isUniqueViolation } from './results';
import { transaction, writeBehind } from './transaction';

/** SQLite as production opens it (synchronous FULL: openTestDb's is OFF); PostgreSQL's test database. */
async function productionLikeDb(): Promise<Db> {
  if (STORE === 'pg') return openTestDb();
  const dir = testTempDir('iac-tx-');
  const db = openDb(path.join(dir, 'console.db'));
  await migrateDb(db);
  return db;
}

describe('transaction durability', () => {
  it('commits a non-durable transaction like any other; on SQLite it skips the fsync (NORMAL) and the next durable one syncs again (FULL)', async () => {
    const db = await productionLikeDb();
    // SQLite's levels: 1 NORMAL, 2 FULL. PostgreSQL commits durably either way.
    const level = () => (STORE === 'sqlite' ? sqliteConnectionOf(db).writerClient.pragma('synchronous', { simple: true }) : 'durable');
    const levels: unknown[] = [];
    const write = (email: string, durable: boolean) =>
      transaction(
        db,
        async (tx) => {
          levels.push(level());
          await tx.insert(users).values({ email, passwordHash: 'x', createdAt: 1 });
        },
        { durable },
      );
    await write('a@example.com', false);
    await write('b@example.com', false);
    await write('c@example.com', true);
    await write('d@example.com', false);
    expect(levels).toEqual(STORE === 'sqlite' ? [1, 1, 2, 1] : ['durable', 'durable', 'durable', 'durable']);
    const [{ n }] = await db.select({ n: count() }).from(users);
    expect(n).toBe(4);
    if (STORE === 'sqlite') await closeDb(db);
  });
});

/** Another process's hold on what a write to `users` needs, until release(): SQLite's write lock, a PostgreSQL table lock. */
async function holdWriteLock(db: Db): Promise<() => Promise<void>> {
  if (STORE === 'sqlite') {
    const other = new Database(sqliteConnectionOf(db).writerClient.name);
    other.exec('BEGIN IMMEDIATE');
    return async () => {
      other.exec('COMMIT');
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: testDbUrl(db) });
  await other.connect();
  await other.query('BEGIN');
  await other.query('LOCK TABLE users IN EXCLUSIVE MODE');
  return async () => {
    await other.query('COMMIT');
    await other.end();
  };
}

describe('waiting for another writer', () => {
  it('keeps the event loop turning while another connection holds the lock, then commits once it is released', async () => {
    const db = STORE === 'sqlite' ? await productionLikeDb() : await openTestDb();
    const release = await holdWriteLock(db);
    let committed = false;
    const write = transaction(db, (tx) => tx.insert(users).values({ email: 'w@example.com', passwordHash: 'x', createdAt: 1 })).then(() => (committed = true));
    // SQLite's own busy handler would sleep here, on this thread: the turns would not run.
    let turns = 0;
    while (turns < 20) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(committed).toBe(false);
    await release();
    await write;
    expect(committed).toBe(true);
    const [{ n }] = await db.select({ n: count() }).from(users);
    expect(n).toBe(1);
    if (STORE === 'sqlite') await closeDb(db);
  });
});

describe('writeBehind', () => {
  const user = (email: string) => ({ email, passwordHash: 'x', createdAt: 1 });
  const emails = async (db: Db) => (await db.select({ email: users.email }).from(users).orderBy(users.email)).map((u) => u.email);

  it('commits a write sent behind with the statements after it, which see it', async () => {
    const db = await openTestDb();
    const seen = await transaction(db, async (tx) => {
      await writeBehind(tx, tx.insert(users).values(user('a@x')).getSQL());
      return emails(tx);
    });
    expect(seen).toEqual(['a@x']);
    expect(await emails(db)).toEqual(['a@x']);
  });

  it('fails the whole transaction with the write’s own error when it fails, committing nothing', async () => {
    const db = await openTestDb();
    await transaction(db, (tx) => tx.insert(users).values(user('taken@x')));
    const outcome = await transaction(db, async (tx) => {
      await tx.insert(users).values(user('before@x'));
      await writeBehind(tx, tx.insert(users).values(user('taken@x')).getSQL());
      if (STORE === 'sqlite') return 'committed';
      await tx.insert(users).values(user('after@x')).catch(() => undefined); // PostgreSQL: refused, the transaction is aborted
      return 'committed';
    }).catch((err: unknown) => (isUniqueViolation(err) ? 'unique violation' : String(err)));
    expect(outcome).toBe('unique violation');
    expect(await emails(db)).toEqual(['taken@x']);
  });
});

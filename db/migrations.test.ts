import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { requestLogPage } from '@/server/queries/requests';
import { migrateDb, migrationsFolder } from './client';
import { isForeignKeyViolation, rawRun } from './kernel/results';
import { transaction } from './kernel/transaction';
import { apiRequestLog, apiRequests } from './schema';
import { openEmptyTestDb, testTempDir } from './testing';

/** A copy of this store's migrations that ends with `lastTag`: the schema a deployment of then has. */
function migrationsUpTo(lastTag: string): string {
  const source = migrationsFolder();
  const dir = testTempDir('iac-migrations-');
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('upgrading a deployment', () => {
  it('0004: 请求日志’s successful lines move onto their api_requests rows, failures stay, nothing is lost', async () => {
    const db = await openEmptyTestDb();
    await migrateDb(db, migrationsUpTo('0003_request_log'));
    const me = await createTestAccount(db);
    const t = at('2019-11-20 10:00');
    await transaction(db, async (tx) => {
      await rawRun(tx, sql`INSERT INTO api_requests (request_id, account_id, action, calls, created_at) VALUES ('ok1', ${me.id}, 'CropImage', 1, ${t}), ('old', ${me.id}, 'AssessQuality', 1, ${t - 1})`);
      await rawRun(
        tx,
        sql`INSERT INTO api_request_log (request_id, account_id, secret_id, action, outcome, latency_us, created_at) VALUES ('ok1', ${me.id}, 'AKIDa', 'CropImage', 'OK', 7000, ${t}), ('bad1', ${me.id}, 'AKIDa', 'CropImage', 'MissingParameter', 900, ${t + 1})`,
      );
    });

    await migrateDb(db);

    const successes = await db.select().from(apiRequests).orderBy(apiRequests.requestId);
    expect(successes.map((r) => [r.requestId, r.secretId, r.latencyUs])).toEqual([
      ['ok1', 'AKIDa', 7000],
      ['old', null, null], // metered before the log existed: no key or latency to carry over
    ]);
    expect((await db.select().from(apiRequestLog)).map((r) => r.requestId)).toEqual(['bad1']);
    const page = await requestLogPage(db, me.id, at('2019-12-01 10:00'), {});
    expect(page.rows.map((r) => [r.requestId, r.outcome, r.calls, r.latencyMs])).toEqual([
      ['bad1', 'MissingParameter', 0, 0.9],
      ['ok1', 'OK', 1, 7],
      ['old', 'OK', 1, null],
    ]);
    expect(page.total).toBe(3);
  });

  it('0005: api_requests loses its foreign key to accounts and keeps every row', async () => {
    const db = await openEmptyTestDb();
    await migrateDb(db, migrationsUpTo('0004_request_log_successes'));
    const me = await createTestAccount(db);
    const t = at('2019-11-20 10:00');
    const insert = (statement: SQL) => transaction(db, (tx) => rawRun(tx, statement));
    const ghost = sql`INSERT INTO api_requests (request_id, account_id, action, calls, created_at) VALUES ('ghost', ${me.id + 999}, 'CropImage', 1, ${t})`;
    await insert(sql`INSERT INTO api_requests (request_id, account_id, action, calls, created_at, secret_id, latency_us) VALUES ('r1', ${me.id}, 'CropImage', 2, ${t}, 'AKIDa', 700)`);
    const refused = await insert(ghost).then(
      () => 'inserted',
      (err: unknown) => (isForeignKeyViolation(err) ? 'foreign key' : String(err)),
    );
    expect(refused).toBe('foreign key');

    await migrateDb(db);

    expect((await db.select().from(apiRequests)).map((r) => [r.requestId, r.accountId, r.calls, r.secretId, r.latencyUs])).toEqual([['r1', me.id, 2, 'AKIDa', 700]]);
    const page = await requestLogPage(db, me.id, at('2019-12-01 10:00'), {});
    expect(page.rows.map((r) => [r.requestId, r.calls])).toEqual([['r1', 2]]);
    // The account check is now the metering transaction's (server/gateway/metering.test.ts).
    await insert(ghost);
    expect((await db.select().from(apiRequests)).map((r) => r.requestId).sort()).toEqual(['ghost', 'r1']);
  });
});

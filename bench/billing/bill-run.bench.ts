// npx tsx bench/billing/bill-run.bench.ts [accounts]            (SQLite: a temp file, WAL, synchronous FULL)
// DATABASE_URL=postgres://… npx tsx bench/billing/bill-run.bench.ts [accounts]   (a fresh database on that server)
// Bill run + settlement of one month for 10,000 accounts (by default) × 9 items. The timed
// month (2020-01) exercises the whole settlement: release December's freeze, deduct,
// freeze, notify, and arrears for every 10th account. Then the run again (idempotent:
// nothing issued), and the free-packs grant for the same accounts. Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { closeDb, type Db } from '@/db/client';
import { rawRun } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { databaseUrl, STORE } from '@/db/store';
import { parseIsoTime, type Month } from '@/lib/period';
import { billDueAt, billRun } from '@/server/billing/bill-run';
import { FREE_PACK_ITEMS, grantMonthFreePacks } from '@/server/billing/free-packs';
import { openBenchDb } from '../api/fixture';

const ACCOUNTS = Number(process.argv[2] ?? 10_000);
/** The bound: 100,000 accounts in 20 s on SQLite, 30 s on PostgreSQL, on 2 cores. */
const TARGET_MS_PER_ACCOUNT = STORE === 'pg' ? 0.3 : 0.2;
const ACTIVATED_AT = parseIsoTime('2019-12-01T09:00:00+08:00');

const run = (db: Db, statement: string) => transaction(db, (tx) => rawRun(tx, sql.raw(statement)));

/** Users and funded, activated accounts 1…N with their top-up entries; every 10th account can pay only ¥10. */
async function seedAccounts(db: Db): Promise<void> {
  await run(
    db,
    `WITH RECURSIVE n(a) AS (SELECT 1 UNION ALL SELECT a + 1 FROM n WHERE a < ${ACCOUNTS})
     INSERT INTO users (email, password_hash, created_at) SELECT 'bench' || a || '@example.com', 'x', ${ACTIVATED_AT} FROM n`,
  );
  await run(
    db,
    `INSERT INTO accounts (user_id, activated_at, cash_fen, created_at)
     SELECT id, ${ACTIVATED_AT}, CASE WHEN id % 10 = 0 THEN 1000 ELSE 2000000 END, ${ACTIVATED_AT} FROM users ORDER BY id`,
  );
  await run(
    db,
    `INSERT INTO ledger_entries (account_id, type, cash_delta_fen, frozen_delta_fen, cash_after_fen, frozen_after_fen, ref, note, created_at)
     SELECT id, 'topup', cash_fen, 0, cash_fen, 0, 'seed-' || id, '', ${ACTIVATED_AT} FROM accounts`,
  );
}

/** Deterministic, varied counters: most items in tier 1, some in tiers 2–3, a few at 0 charged. */
async function seedUsage(db: Db, month: Month): Promise<void> {
  const items = FREE_PACK_ITEMS.map((code, i) => `(${i}, '${code}')`).join(', ');
  const offset = month === '2020-01' ? 31 : 0;
  await run(
    db,
    `WITH items(i, code) AS (VALUES ${items}),
       seeded AS (SELECT accounts.id AS account_id, items.code AS item, (accounts.id * 7919 + items.i * 104729 + ${offset}) % 1000003 AS seed
                  FROM accounts CROSS JOIN items),
       totals AS (SELECT account_id, item,
                         CASE WHEN seed % 17 = 0 THEN 1000001 + seed * 3 WHEN seed % 97 = 0 THEN 5000 ELSE 10000 + seed % 400000 END AS total
                  FROM seeded)
     INSERT INTO usage_monthly (account_id, item, month, total_calls, free_calls, pack_calls, charged_calls)
     SELECT account_id, item, '${month}', total, CASE WHEN total < 10000 THEN total ELSE 10000 END, 0,
            total - CASE WHEN total < 10000 THEN total ELSE 10000 END
     FROM totals`,
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bill-run-bench-'));
  const { db, url } = await openBenchDb(dir);
  await seedAccounts(db);
  await seedUsage(db, '2019-12');
  await billRun(db, '2019-12', billDueAt('2019-12')); // leaves a freeze on every account to release
  await seedUsage(db, '2020-01');
  if (STORE === 'pg') await rawRun(db, sql.raw('ANALYZE')); // fresh tables: let the planner see their size

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const summary = await billRun(db, '2020-01', billDueAt('2020-01'));
  const billRunMs = performance.now() - started;
  // The machine is shared: CPU time says what the run costs this process when others are busy too.
  const cpu = process.cpuUsage(cpuBefore);
  const rerunStarted = performance.now();
  const rerun = await billRun(db, '2020-01', billDueAt('2020-01'));
  const rerunMs = performance.now() - rerunStarted;

  const grantStarted = performance.now();
  const granted = await grantMonthFreePacks(db, '2020-02', billDueAt('2020-01'));
  const freePacksMs = performance.now() - grantStarted;

  console.log(
    JSON.stringify({
      bench: 'bill-run',
      store: STORE,
      accounts: ACCOUNTS,
      items: FREE_PACK_ITEMS.length,
      month: summary.month,
      issued: summary.issued,
      payableFen: summary.payableFen,
      billRunMs: Math.round(billRunMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      perAccountMs: Number((billRunMs / ACCOUNTS).toPrecision(3)),
      rerunIssued: rerun.issued,
      rerunExisting: rerun.existing,
      rerunMs: Math.round(rerunMs),
      targetMs: Math.round(ACCOUNTS * TARGET_MS_PER_ACCOUNT),
      freePacksGranted: granted.packs,
      freePacksMs: Math.round(freePacksMs),
    }),
  );
  await closeDb(db);
  fs.rmSync(dir, { recursive: true, force: true });
  if (STORE === 'pg') await dropPgDatabase(url); // a million rows: not left on the server
}

async function dropPgDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Throwaway databases for tests and benchmarks, on whichever store DATABASE_URL chose:
// a SQLite file in a temp folder, or a PostgreSQL database cloned from a migrated template;
// and temp folders for a test's other files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeDb, migrateDb, migrationsFolder, openDb, type Db } from './client';
import { databaseUrl, STORE } from './store';

const opened: Db[] = [];
const urls = new WeakMap<Db, string>();

/** Where a test database lives (a file path or a postgres:// URL), for another process to open. */
export function testDbUrl(db: Db): string {
  const url = urls.get(db);
  if (!url) throw new Error('not a database from openTestDb()');
  return url;
}
let sqliteDir: string | undefined;
let counter = 0;

/** A fresh, migrated, empty database; closeTestDbs() closes every one this process opened (and removes SQLite's folder). */
export async function openTestDb(): Promise<Db> {
  const db = STORE === 'pg' ? await openPgTestDb() : await openSqliteTestDb();
  opened.push(db);
  return db;
}

export async function closeTestDbs(): Promise<void> {
  const dbs = opened.splice(0);
  await Promise.all(dbs.map((db) => closeDb(db).catch(() => undefined)));
  // Left behind, a test run's SQLite folders alone came to about 300 MB.
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  sqliteDir = undefined;
}

const tempDirs: string[] = [];

/** A new temp folder for a test's files; closeTestDbs() (after each test file) removes it. */
export function testTempDir(prefix = 'iac-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A path for a test's own SQLite file (e.g. one that several processes share). */
export function testDbFile(name = `t${++counter}.db`): string {
  sqliteDir ??= testTempDir('iac-test-db-');
  return path.join(sqliteDir, name);
}

async function openSqliteTestDb(): Promise<Db> {
  const file = testDbFile();
  const db = openDb(file, { synchronous: 'OFF' });
  urls.set(db, file);
  await migrateDb(db);
  return db;
}

/** A fresh database with no tables (for a migration's own test); closed by closeTestDbs(). */
export async function openEmptyTestDb(): Promise<Db> {
  let db: Db;
  if (STORE === 'pg') {
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    const name = `iac_e${process.pid}_${++counter}`;
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    db = openDb(pgDatabaseUrl(name), { poolMax: 2 });
    urls.set(db, pgDatabaseUrl(name));
  } else {
    const file = testDbFile();
    db = openDb(file, { synchronous: 'OFF' });
    urls.set(db, file);
  }
  opened.push(db);
  return db;
}

/** The URL of another database on the PostgreSQL server DATABASE_URL names. */
export function pgDatabaseUrl(name: string, base = databaseUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Named by the migrations' content, so a changed migration gets a template of its own. */
function templateName(): string {
  const folder = migrationsFolder('pg');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) hash.update(fs.readFileSync(path.join(folder, f)));
  return `iac_template_${hash.digest('hex').slice(0, 12)}`;
}

let template: Promise<string> | undefined;

async function ensureTemplate(admin: pg.Client): Promise<string> {
  const name = templateName();
  await admin.query('SELECT pg_advisory_lock(7263002)'); // test workers start at once
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${name}`);
      const db = openDb(pgDatabaseUrl(name), { poolMax: 1 });
      await migrateDb(db);
      await closeDb(db);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(7263002)');
  }
  return name;
}

async function openPgTestDb(): Promise<Db> {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    template ??= ensureTemplate(admin);
    const source = await template;
    const name = `iac_t${process.pid}_${++counter}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
    const db = openDb(pgDatabaseUrl(name), { poolMax: 4 });
    urls.set(db, pgDatabaseUrl(name));
    return db;
  } finally {
    await admin.end();
  }
}

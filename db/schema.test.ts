import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from './kernel/results';
import * as pg from './schema/pg';
import * as sqlite from './schema/sqlite';
import { STORE } from './store';
import { openTestDb } from './testing';

type Config = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;

/** What must be the same on both stores: names, nullability, keys, indexes, references. */
function shape(c: Config) {
  const name = (col: { name: string }) => col.name;
  return {
    table: c.name,
    columns: c.columns.map((col) => ({ name: col.name, notNull: col.notNull, primary: col.primary, unique: col.isUnique, hasDefault: col.primary ? "rowid or identity" : col.hasDefault })).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    primaryKeys: c.primaryKeys.map((pk) => pk.columns.map(name)),
    indexes: c.indexes
      .map((i) => ({ name: i.config.name, unique: Boolean(i.config.unique), columns: i.config.columns.map((col) => name(col as { name: string })), partial: Boolean(i.config.where) }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: c.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return { columns: ref.columns.map(name), to: ref.foreignColumns.map(name), onDelete: fk.onDelete ?? 'no action' };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const tablesOf = <T>(mod: Record<string, unknown>, is: (v: unknown) => v is T) => Object.entries(mod).filter((e): e is [string, T] => is(e[1]));
const pgTables = tablesOf(pg, (v): v is PgTable => v instanceof PgTable);
const sqliteTables = tablesOf(sqlite, (v): v is SQLiteTable => v instanceof SQLiteTable);

describe('the SQLite and PostgreSQL schemas are twins', () => {
  it('define the same tables under the same export names', () => {
    expect(pgTables.map(([k]) => k).sort()).toEqual(sqliteTables.map(([k]) => k).sort());
    expect(pgTables.length).toBe(22);
  });

  it.each(pgTables.map(([k]) => k))('table %s has the same columns, keys, indexes and references', (key) => {
    const p = pgTables.find(([k]) => k === key)![1];
    const s = sqliteTables.find(([k]) => k === key)![1];
    expect(shape(pgConfig(p))).toEqual(shape(sqliteConfig(s)));
  });

  it('every money, time and counter column is a 64-bit integer on PostgreSQL', () => {
    for (const [, table] of pgTables) {
      for (const col of pgConfig(table).columns) {
        if (/_fen$|_at$|_calls$|^offset_ms$|^valid_(from|until)$/.test(col.name)) expect([table, col.name, col.getSQLType()]).toEqual([table, col.name, 'bigint']);
      }
    }
  });
});

describe(`the migrated ${STORE} database matches the schema`, () => {
  it('has exactly the schema’s tables and columns', async () => {
    const db = await openTestDb();
    const rows =
      STORE === 'pg'
        ? await rawRows<{ t: string; c: string }>(db, sql.raw(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '%drizzle%'`))
        : await rawRows<{ t: string; c: string }>(db, sql.raw(`SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '%drizzle%' AND m.name NOT LIKE 'sqlite_%'`));
    const live = rows.map((r) => `${r.t}.${r.c}`).sort();
    const declared = pgTables.flatMap(([, t]) => pgConfig(t).columns.map((c) => `${pgConfig(t).name}.${c.name}`)).sort();
    expect(live).toEqual(declared);
  });
});


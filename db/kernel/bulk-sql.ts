import { getTableColumns, getTableName, Placeholder, sql, type InferInsertModel, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { rawRows, rawRun } from '@/db/kernel/results';
import { STORE } from '@/db/store';

// Bulk writes for the bill run: rows travel as ONE bound parameter, a JSON array of arrays,
// which the database unpacks itself (SQLite's json_each, PostgreSQL's json_array_elements;
// both name the element `value`). The query layer then costs the same for 10,000 rows as
// for one: a multi-row VALUES list costs the query builder several µs per value, which at
// a million rows was most of a bill run. The statement text depends only on the columns,
// so SQLite's statement cache keeps reusing it.

/** Rows per statement: bounds the size of one JSON document (any count would work). */
const ROWS_PER_STATEMENT = 10_000;

/** An SQL identifier, quoted as both dialects read it. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The text of `SELECT <each column cast to its type> FROM <the JSON rows> WHERE true` around
 * its one parameter, the JSON (SQLite needs the WHERE to read a following ON CONFLICT as the
 * upsert's, not as a join's ON).
 */
function jsonRowsText(columns: readonly { getSQLType(): string }[], names?: readonly string[]): [before: string, after: string] {
  const values = columns.map((c, i) => `CAST(value ->> ${i} AS ${c.getSQLType()})${names ? ` AS ${quoted(names[i])}` : ''}`).join(', ');
  return STORE === 'pg'
    ? [`SELECT ${values} FROM jsonb_array_elements(CAST(`, ` AS jsonb)) WHERE true`]
    : [`SELECT ${values} FROM json_each(`, `) WHERE true`];
}

/** The JSON rows as a SELECT, to join or update from (see jsonRowsText). */
export function selectJsonRows(columns: readonly { getSQLType(): string }[], json: string, names?: readonly string[]): SQL {
  const [before, after] = jsonRowsText(columns, names);
  return sql`${sql.raw(before)}${json}${sql.raw(after)}`;
}

// The text of each table's INSERT, by the columns written and what follows: built once. On
// the API's hot path (the metering flush, the request log) building it with the query
// builder every time cost more than SQLite's running it (bench/api/README.md).
const insertTexts = new WeakMap<PgTable, Map<string, [string, string]>>();

function insertText(table: PgTable, keys: readonly string[], suffix: string): [string, string] {
  let byShape = insertTexts.get(table);
  if (!byShape) insertTexts.set(table, (byShape = new Map()));
  const shape = `${keys.join(',')}|${suffix}`;
  let text = byShape.get(shape);
  if (!text) {
    const all = getTableColumns(table);
    const columns = keys.map((k) => all[k]);
    const [before, after] = jsonRowsText(columns);
    text = [`INSERT INTO ${quoted(getTableName(table))} (${columns.map((c) => quoted(c.name)).join(', ')}) ${before}`, `${after}${suffix}`];
    byShape.set(shape, text);
  }
  return text;
}

function* statements<T extends PgTable>(table: T, rows: readonly InferInsertModel<T>[], suffix = ''): Generator<SQL> {
  const all = getTableColumns(table);
  // Rows of one shape: the keys of the first row name the columns written.
  const keys = Object.keys(rows[0]).filter((k) => k in all);
  const [before, after] = insertText(table, keys, suffix);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const slice = rows.slice(i, i + ROWS_PER_STATEMENT) as Record<string, unknown>[];
    const json = JSON.stringify(slice.map((r) => keys.map((k) => r[k] ?? null)));
    yield sql`${sql.raw(before)}${json}${sql.raw(after)}`;
  }
}

/**
 * insertRows' statements, unrun, `suffix` (an ON CONFLICT clause, as text) after each: to
 * run as parts of another (a data-modifying WITH on PostgreSQL).
 */
export function insertStatements<T extends PgTable>(table: T, rows: readonly InferInsertModel<T>[], suffix = ''): SQL[] {
  return rows.length === 0 ? [] : [...statements(table, rows, suffix)];
}

/**
 * Inserts many rows of one shape in a few statements; with `onConflictDoNothing`, a row
 * whose unique key is taken is skipped. Returns how many rows were inserted.
 */
export async function insertRows<T extends PgTable>(
  tx: Db,
  table: T,
  rows: readonly InferInsertModel<T>[],
  opts: { onConflictDoNothing?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  let inserted = 0;
  for (const insert of statements(table, rows, opts.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '')) inserted += await rawRun(tx, insert);
  return inserted;
}

/** insertRows, returning `returning` of each inserted row (hand-written: name the columns with AS). */
export async function insertRowsReturning<T extends PgTable, R>(tx: Db, table: T, rows: readonly InferInsertModel<T>[], returning: SQL): Promise<R[]> {
  const out: R[] = [];
  if (rows.length === 0) return out;
  for (const insert of statements(table, rows)) out.push(...(await rawRows<R>(tx, sql`${insert} RETURNING ${returning}`)));
  return out;
}

/**
 * `column IN (<values>)` with the values as one JSON parameter (see above): a chunk of the
 * bill run asks about a thousand accounts in each of its reads. A placeholder stands for
 * the JSON text of a prepared query's values.
 */
export function inJson(column: { getSQLType(): string }, values: readonly (number | string)[] | Placeholder): SQL {
  const list = values instanceof Placeholder ? values : JSON.stringify(values);
  const source = STORE === 'pg' ? sql`json_array_elements_text(CAST(${list} AS json))` : sql`json_each(${list})`;
  return sql`${column} IN (SELECT ${sql.raw(`CAST(value AS ${column.getSQLType()})`)} FROM ${source})`;
}

import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, Placeholder, sql, type InferInsertModel, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { rawRows, rawRun } from '@/db/kernel/results';
import { sqliteWriterOf, writeBehind, writeWithoutSavepoint } from '@/db/kernel/transaction';
import { STORE } from '@/db/store';

// Bulk writes for the bill run: rows travel as ONE bound parameter, a JSON array of arrays,
// which the database unpacks itself (SQLite's json_each, PostgreSQL's json_array_elements;
// both name the element `value`). The query layer then costs the same for 10,000 rows as
// for one: a multi-row VALUES list costs the query builder several µs per value, which at
// a million rows was most of a bill run. The statement text depends only on the columns,
// so SQLite's statement cache keeps reusing it. Inserts in a SQLite transaction go through
// compiled INSERTs of a fixed number of rows instead, the values bound positionally
// (insertCompiled): with no round trip to save, that is cheaper still.

/** Rows per statement: bounds the size of one JSON document (any count would work). */
const ROWS_PER_STATEMENT = 10_000;
/**
 * Rows per INSERT in a SQLite transaction (insertCompiled). 16, 64 and 256 took 1.39, 1.34
 * and 1.44 µs an api_requests row, one a statement 1.88–2.15 µs (a scratch run, 2,800-row
 * transactions on 300,000 rows, 80 of each). Far below SQLite's 32,766 parameters a statement.
 */
const SQLITE_ROWS_PER_INSERT = 64;

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

// The texts of each table's INSERT, by the columns written and what follows: built once. On
// the API's hot path (the metering flush, the request log) building them with the query
// builder every time cost more than SQLite's running them (bench/api/README.md).
interface InsertTexts {
  /** Around the JSON rows (jsonRowsText). */
  json: [before: string, after: string];
  /** One row's VALUES as positional parameters (insertCompiled): SQLite only. */
  row: string;
  /** SQLITE_ROWS_PER_INSERT rows' VALUES, the same way. */
  rows: string;
}
const insertTexts = new WeakMap<PgTable, Map<string, InsertTexts>>();

function insertText(table: PgTable, keys: readonly string[], suffix: string): InsertTexts {
  let byShape = insertTexts.get(table);
  if (!byShape) insertTexts.set(table, (byShape = new Map()));
  const shape = `${keys.join(',')}|${suffix}`;
  let text = byShape.get(shape);
  if (!text) {
    const all = getTableColumns(table);
    const columns = keys.map((k) => all[k]);
    const [before, after] = jsonRowsText(columns);
    const target = `INTO ${quoted(getTableName(table))} (${columns.map((c) => quoted(c.name)).join(', ')})`;
    const values = `(${columns.map(() => '?').join(', ')})`;
    // OR FAIL: a row refused stops its statement and keeps the rows before it. The default,
    // ABORT, takes the statement's rows back, so SQLite copies every page a statement of
    // several rows touches before writing it; the transaction is marked broken instead
    // (insertCompiled). ON CONFLICT DO NOTHING still skips taken keys.
    text = {
      json: [`INSERT ${target} ${before}`, `${after}${suffix}`],
      row: `INSERT OR FAIL ${target} VALUES ${values}${suffix}`,
      rows: `INSERT OR FAIL ${target} VALUES ${Array(SQLITE_ROWS_PER_INSERT).fill(values).join(', ')}${suffix}`,
    };
    byShape.set(shape, text);
  }
  return text;
}

/** Column keys of a table, in the order a tuple gives their values. */
export type InsertKeys<T extends PgTable> = readonly (keyof T['_']['columns'] & string)[];

/**
 * Rows of one shape as arrays of their values, in the order of `keys`: what every insert
 * here writes. The API's metering flush builds them directly, without an object a row to
 * read back by key name: on PostgreSQL a flush of 2,000 calls took about 0.2 µs a call less
 * CPU (bench/api/README.md, twenty-first round).
 */
interface Tuples {
  keys: readonly string[];
  tuples: readonly (readonly unknown[])[];
}

/** Objects as tuples: the keys of the first row that are columns (the rows are of one shape). */
function tuplesOf(table: PgTable, rows: readonly object[]): Tuples {
  const all = getTableColumns(table);
  const keys = rows.length === 0 ? [] : Object.keys(rows[0]).filter((k) => k in all);
  return { keys, tuples: rows.map((r) => keys.map((k) => (r as Record<string, unknown>)[k])) };
}

function* statements(table: PgTable, { keys, tuples }: Tuples, suffix = ''): Generator<SQL> {
  const [before, after] = insertText(table, keys, suffix).json;
  for (let i = 0; i < tuples.length; i += ROWS_PER_STATEMENT) {
    // A missing value (undefined) is written as JSON's null.
    const json = JSON.stringify(tuples.slice(i, i + ROWS_PER_STATEMENT));
    yield sql`${sql.raw(before)}${json}${sql.raw(after)}`;
  }
}

/** A value as the JSON rows would carry it to SQLite (a boolean as 1 or 0, a Decimal as its text). */
function sqliteValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
  return v;
}

/**
 * SQLite, in a transaction: the rows through compiled INSERTs of SQLITE_ROWS_PER_INSERT rows
 * each, the rest one by one, their values bound positionally. Without a round trip to save,
 * the JSON rows only add work there: the JSON to write and for SQLite to parse and cast.
 * api_requests' rows took 4.5–5.0 µs each one by one against 5.5–6.3 µs as JSON
 * (bench/api/README.md, fourteenth round); 64 to a statement saves each row its own call
 * into SQLite and its statement's reset (twentieth round). A row refused leaves the rows
 * before it, so the transaction can then only be rolled back (writeWithoutSavepoint), as
 * PostgreSQL's after its one JSON statement failed: neither store commits part of a batch.
 */
function insertCompiled(client: Database.Database, table: PgTable, { keys, tuples }: Tuples, suffix: string): number {
  const texts = insertText(table, keys, suffix);
  const [many, one] = [client.prepare(texts.rows), client.prepare(texts.row)];
  const values: unknown[] = [];
  const bind = (from: number, to: number) => {
    values.length = 0;
    for (let i = from; i < to; i++) {
      const tuple = tuples[i];
      for (let k = 0; k < tuple.length; k++) values.push(sqliteValue(tuple[k]));
    }
    return values;
  };
  let inserted = 0;
  let i = 0;
  for (; i + SQLITE_ROWS_PER_INSERT <= tuples.length; i += SQLITE_ROWS_PER_INSERT) inserted += many.run(bind(i, i + SQLITE_ROWS_PER_INSERT)).changes;
  for (; i < tuples.length; i++) inserted += one.run(bind(i, i + 1)).changes;
  return inserted;
}

/**
 * insertRows' statements, unrun, `suffix` (an ON CONFLICT clause, as text) after each: to
 * run as parts of another (a data-modifying WITH on PostgreSQL).
 */
export function insertStatements<T extends PgTable>(table: T, rows: readonly InferInsertModel<T>[], suffix = ''): SQL[] {
  return [...statements(table, tuplesOf(table, rows), suffix)];
}

async function insert(tx: Db, table: PgTable, rows: Tuples, onConflictDoNothing = false): Promise<number> {
  if (rows.tuples.length === 0) return 0;
  const suffix = onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '';
  if (sqliteWriterOf(tx)) return writeWithoutSavepoint(tx, (writer) => insertCompiled(writer, table, rows, suffix));
  let inserted = 0;
  for (const statement of statements(table, rows, suffix)) inserted += await rawRun(tx, statement);
  return inserted;
}

/**
 * Inserts many rows of one shape: in a few JSON statements on PostgreSQL, compiled
 * INSERTs of SQLITE_ROWS_PER_INSERT rows on SQLite (insertCompiled). With
 * `onConflictDoNothing`, a row whose unique key is taken is skipped. Returns how many rows
 * were inserted.
 */
export function insertRows<T extends PgTable>(tx: Db, table: T, rows: readonly InferInsertModel<T>[], opts: { onConflictDoNothing?: boolean } = {}): Promise<number> {
  return insert(tx, table, tuplesOf(table, rows), opts.onConflictDoNothing);
}

/**
 * insertRows of rows given as tuples, a value of each of `keys` in its order, for a
 * transaction that needs no answer before its next statement: on PostgreSQL the rows are
 * sent behind (writeBehind).
 */
export async function insertTuplesBehind<T extends PgTable>(tx: Db, table: T, keys: InsertKeys<T>, tuples: readonly (readonly unknown[])[]): Promise<void> {
  const rows = { keys, tuples };
  if (STORE !== 'pg') {
    await insert(tx, table, rows);
    return;
  }
  for (const statement of statements(table, rows)) await writeBehind(tx, statement);
}

/** insertRows, returning `returning` of each inserted row (hand-written: name the columns with AS). */
export async function insertRowsReturning<T extends PgTable, R>(tx: Db, table: T, rows: readonly InferInsertModel<T>[], returning: SQL): Promise<R[]> {
  const out: R[] = [];
  for (const statement of statements(table, tuplesOf(table, rows))) out.push(...(await rawRows<R>(tx, sql`${statement} RETURNING ${returning}`)));
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

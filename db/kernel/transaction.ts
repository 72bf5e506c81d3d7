import type { SQL } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import type pg from 'pg';
import type { Db } from '../client';
import { STORE } from '../store';
import { rawRun } from './results';
import { sqliteConnectionOf, type SqliteConnection } from './sqlite-connection';

interface SqliteTx {
  connection: SqliteConnection;
  depth: number;
}

/** A PostgreSQL transaction: its writes sent without waiting (writeBehind), null in a savepoint. */
interface PgTx {
  pending: Promise<unknown>[] | null;
}

// What a transaction handle is, kept on the handle under a registered symbol rather than in
// a module-level map: Next.js bundles this module into several chunks, and a handle made by
// one copy must be known to the others. SQLite: its connection and savepoint depth;
// PostgreSQL: its writes in flight.
const TX = Symbol.for('iac.db.transaction');
type Marked = { [TX]?: SqliteTx | PgTx };
const markTx = (handle: object, value: SqliteTx | PgTx) => Object.defineProperty(handle, TX, { value });
const sqliteTxOf = (db: object) => {
  const mark = (db as Marked)[TX];
  return mark && 'connection' in mark ? mark : undefined;
};
const pgTxOf = (db: object) => {
  const mark = (db as Marked)[TX];
  return mark && 'pending' in mark ? mark : undefined;
};

export interface TransactionOptions {
  /**
   * false: the commit may be lost to a power cut (never to a crash of the process). On
   * SQLite the commit then skips its fsync (synchronous=NORMAL for this transaction only, in
   * WAL mode); the next durable commit or checkpoint syncs it with everything before it.
   * Only for writes that move no money and whose loss can only undercharge: the API's
   * metering (see server/gateway/metering.ts). PostgreSQL commits durably either way.
   */
  durable?: boolean;
}

/**
 * Runs `work` as one unit: all of its writes commit together or none does. Given a
 * transaction handle it runs in a savepoint, so a refusal thrown half-way leaves the
 * caller's earlier writes intact. The handle passed to `work` must not outlive it.
 *
 * PostgreSQL: READ COMMITTED on a pooled connection; where a read decides a write, the
 * caller locks what it read (db/kernel/locks.ts) or writes conditionally. The connection is
 * in pipeline mode (db/client.ts): BEGIN goes out with the first statement, and COMMIT
 * right behind the writes sent with writeBehind, a round trip less each.
 * SQLite: BEGIN IMMEDIATE on the writer connection takes the database's single write lock
 * up front, so nothing another process commits can change what the transaction has read;
 * this process's transactions queue for the writer one at a time.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  if (STORE === 'pg') {
    if (!pgTxOf(db)) return pgTransaction(db, work);
    return db.transaction((tx) => {
      markTx(tx, { pending: null });
      return work(tx as unknown as Db);
    });
  }
  const open = sqliteTxOf(db);
  if (open) return savepoint(open, work);
  const connection = sqliteConnectionOf(db);
  const run = connection.queue.then(() => sqliteTransaction(connection, work, opts.durable !== false));
  connection.queue = run.catch(() => undefined);
  return run;
}

/** What drizzle's root session holds (private fields, read to open a session of our own). */
type RootSession = {
  client: pg.Pool;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
};

/**
 * drizzle's own transaction (node-postgres session.js) without waiting for BEGIN's answer
 * and with the writes sent behind: the statements still reach the server in order, each
 * answered in turn, so nothing runs outside the transaction unless BEGIN itself failed,
 * which only a lost connection does (and then nothing after it runs either).
 */
async function pgTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const root = (db as unknown as { session: RootSession }).session;
  const client = await root.client.connect();
  const session = new NodePgSession(client, root.dialect, root.schema, root.options);
  const tx = new NodePgTransaction(root.dialect, session, root.schema);
  const mark: PgTx = { pending: [] };
  markTx(tx, mark);
  const pending = mark.pending!;
  const begin = client.query('BEGIN');
  begin.catch(() => undefined); // checked with the writes
  pending.push(begin);
  let broken = false;
  try {
    let result: T;
    try {
      result = await work(tx as unknown as Db);
    } catch (err) {
      throw (await firstFailure(pending)) ?? err;
    }
    const commit = client.query('COMMIT');
    const failed = await firstFailure([...pending, commit]);
    if (failed) throw failed;
    // A COMMIT that PostgreSQL answers ROLLBACK: some statement failed whose answer no one awaited.
    if ((await commit).command !== 'COMMIT') throw new Error('the transaction was rolled back');
    return result;
  } catch (err) {
    broken = await client.query('ROLLBACK').then(() => false, () => true);
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Waits for every statement in flight; the first one's failure (later ones fail because of it). */
async function firstFailure(inFlight: readonly Promise<unknown>[]): Promise<unknown> {
  const settled = await Promise.allSettled(inFlight);
  return settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
}

/**
 * Sends a write of the transaction whose answer the caller does not need before its next
 * statement: in a PostgreSQL transaction (not a savepoint) the answer is checked when the
 * transaction commits, so the statements after it (COMMIT among them) go right behind it;
 * a failure still fails the whole transaction, with the write's own error. Anywhere else
 * it is simply run. Either way it is sent before this returns, so it runs before any
 * statement sent after.
 */
export async function writeBehind(tx: Db, statement: SQL): Promise<void> {
  const pending = pgTxOf(tx)?.pending;
  if (!pending) {
    await rawRun(tx, statement);
    return;
  }
  // drizzle's queries run again on every `then`: run this one once, here.
  const sent = tx.execute(statement).execute();
  sent.catch(() => undefined); // checked at COMMIT
  pending.push(sent);
}

function txHandle(tx: SqliteTx): Db {
  const handle = Object.create(tx.connection.writer) as Db;
  markTx(handle, tx);
  return handle;
}

/**
 * Sets the writer's synchronous level for the next transaction, and leaves it there until a
 * transaction needs the other: a busy API's metering and request-log flushes, all
 * non-durable, would otherwise pay two PRAGMAs each (compiled every time) to lower it and
 * raise it back.
 */
function setSynchronous(connection: SqliteConnection, durable: boolean) {
  const level = !durable && connection.synchronous === 'FULL' ? 'NORMAL' : connection.synchronous;
  if (connection.writerSynchronous === level) return;
  connection.writerClient.pragma(`synchronous = ${level}`);
  connection.writerSynchronous = level;
}

/** How long a transaction waits for another process to release the write lock before it fails. */
export const WRITE_LOCK_TIMEOUT_MS = 5000;

const isBusy = (err: unknown) => (err as { code?: string } | null)?.code === 'SQLITE_BUSY';
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE, waiting for another process's write lock without stopping this one: the
 * writer connection has no busy_timeout (db/client.ts), so a busy database answers at once
 * and this tries again after the event loop's next turn (then after 1, 2, 4… ms, up to
 * 16). SQLite's own busy handler would sleep on the event loop instead — 1 ms and more each
 * time — and with two API workers on one database that sleep was about a tenth of each
 * worker's time (bench/api/README.md).
 */
async function beginImmediate(client: SqliteConnection['writerClient']): Promise<void> {
  const deadline = performance.now() + WRITE_LOCK_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      client.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if (!isBusy(err) || performance.now() >= deadline) throw err;
    }
    await (attempt < 2 ? nextTurn() : sleep(Math.min(2 ** (attempt - 2), 16)));
  }
}

/** Refuses to commit (or release) level `depth` while a write that failed half-way in it, or deeper, has left rows. */
function assertNotBroken(connection: SqliteConnection, depth: number) {
  if (connection.brokenAt !== null && connection.brokenAt >= depth) {
    throw new Error('a write of this transaction failed half-way: it can only be rolled back');
  }
}

/** After rolling level `depth` back: what failed in it, or deeper, is gone with it. */
function rolledBack(connection: SqliteConnection, depth: number) {
  if (connection.brokenAt !== null && connection.brokenAt >= depth) connection.brokenAt = null;
}

async function sqliteTransaction<T>(connection: SqliteConnection, work: (tx: Db) => Promise<T>, durable: boolean): Promise<T> {
  const client = connection.writerClient;
  setSynchronous(connection, durable);
  await beginImmediate(client);
  try {
    const result = await work(txHandle({ connection, depth: 0 }));
    assertNotBroken(connection, 0);
    client.exec('COMMIT');
    return result;
  } catch (err) {
    if (client.inTransaction) client.exec('ROLLBACK');
    rolledBack(connection, 0);
    throw err;
  }
}

async function savepoint<T>(outer: SqliteTx, work: (tx: Db) => Promise<T>): Promise<T> {
  const { connection } = outer;
  const client = connection.writerClient;
  const depth = outer.depth + 1;
  const name = `sp${depth}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(txHandle({ connection, depth }));
    assertNotBroken(connection, depth);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (err) {
    if (client.inTransaction) client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    rolledBack(connection, depth);
    throw err;
  }
}

/**
 * Runs a write of several statements on the writer of the SQLite transaction `tx` without
 * a savepoint around it: a savepoint makes SQLite copy every page the write touches first,
 * which was about a tenth of a metering flush (bench/api/README.md, twenty-first round).
 * If the write throws half-way, the rows it wrote stay, so the level it ran in is marked
 * broken: it refuses to commit and can only be rolled back, as a PostgreSQL transaction
 * after any failed statement. Rolling back a savepoint around it (a nested transaction())
 * clears the mark, so a caller can still recover as on PostgreSQL.
 */
export function writeWithoutSavepoint<T>(tx: Db, write: (client: SqliteConnection['writerClient']) => T): T {
  const open = sqliteTxOf(tx);
  if (!open) throw new Error('writeWithoutSavepoint needs a SQLite transaction');
  try {
    return write(open.connection.writerClient);
  } catch (err) {
    open.connection.brokenAt = Math.min(open.connection.brokenAt ?? open.depth, open.depth);
    throw err;
  }
}

/** The writer connection a SQLite transaction's handle writes on; undefined anywhere else. */
export function sqliteWriterOf(db: Db): SqliteConnection['writerClient'] | undefined {
  return sqliteTxOf(db)?.connection.writerClient;
}

/** Whether `db` is a transaction's handle (as opposed to the root database). */
export function inTransaction(db: Db): boolean {
  return (db as Marked)[TX] !== undefined;
}

import type { Db } from '../client';
import { STORE } from '../store';
import { sqliteConnectionOf, type SqliteConnection } from './sqlite-connection';

interface SqliteTx {
  connection: SqliteConnection;
  depth: number;
}

/** SQLite transaction handles: which connection they run on and how deep in savepoints. */
const sqliteTxs = new WeakMap<object, SqliteTx>();
/** PostgreSQL transaction handles (drizzle's), for inTransaction(). */
const pgTxs = new WeakSet<object>();

/**
 * Runs `work` as one unit: all of its writes commit together or none does. Given a
 * transaction handle it runs in a savepoint, so a refusal thrown half-way leaves the
 * caller's earlier writes intact. The handle passed to `work` must not outlive it.
 *
 * PostgreSQL: READ COMMITTED on a pooled connection; where a read decides a write, the
 * caller locks what it read (db/kernel/locks.ts) or writes conditionally.
 * SQLite: BEGIN IMMEDIATE on the writer connection takes the database's single write lock
 * up front, so nothing another process commits can change what the transaction has read;
 * this process's transactions queue for the writer one at a time.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (STORE === 'pg') {
    return db.transaction((tx) => {
      pgTxs.add(tx);
      return work(tx as unknown as Db);
    });
  }
  const open = sqliteTxs.get(db);
  if (open) return savepoint(open, work);
  const connection = sqliteConnectionOf(db);
  const run = connection.queue.then(() => sqliteTransaction(connection, work));
  connection.queue = run.catch(() => undefined);
  return run;
}

function txHandle(tx: SqliteTx): Db {
  const handle = Object.create(tx.connection.writer) as Db;
  sqliteTxs.set(handle, tx);
  return handle;
}

async function sqliteTransaction<T>(connection: SqliteConnection, work: (tx: Db) => Promise<T>): Promise<T> {
  const client = connection.writerClient;
  client.exec('BEGIN IMMEDIATE');
  try {
    const result = await work(txHandle({ connection, depth: 0 }));
    client.exec('COMMIT');
    return result;
  } catch (err) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw err;
  }
}

async function savepoint<T>(outer: SqliteTx, work: (tx: Db) => Promise<T>): Promise<T> {
  const client = outer.connection.writerClient;
  const name = `sp${outer.depth + 1}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(txHandle({ connection: outer.connection, depth: outer.depth + 1 }));
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (err) {
    if (client.inTransaction) client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    throw err;
  }
}

/** Whether `db` is a transaction's handle (as opposed to the root database). */
export function inTransaction(db: Db): boolean {
  return STORE === 'pg' ? pgTxs.has(db) : sqliteTxs.has(db);
}

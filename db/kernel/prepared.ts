import type { Db } from '../client';
import { STORE } from '../store';

/** A drizzle query (select, insert, update) whose values are `sql.placeholder`s. */
interface Reusable<R> {
  prepare(name: string): Runnable<R>;
  execute(values?: Record<string, unknown>): Promise<R>;
}

interface Runnable<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/**
 * A query built once and run many times with different values. Drizzle's query builder
 * costs about 100 µs a query on this machine, several times what SQLite takes to run it:
 * on the API's metering path (eight queries a flush) building them was most of the
 * metering's CPU (bench/api/README.md).
 *
 * Built once per connection the handle runs on. SQLite: per drizzle session (a
 * transaction's handle shares its connection's session). PostgreSQL: per pooled client (a
 * transaction's session holds the one it checked out; the root handle's is the pool), as a
 * named statement, which node-postgres parses once on each connection and then only binds
 * (`name` must be unique across the app).
 */
export function preparedQuery<R>(name: string, build: (db: Db) => Reusable<R>): (db: Db, values: Record<string, unknown>) => Promise<R> {
  const byConnection = new WeakMap<object, Runnable<R>>();
  return (db, values) => {
    const session = (db as unknown as { session: { client?: object } }).session;
    const connection = STORE === 'pg' ? session.client! : session;
    let prepared = byConnection.get(connection);
    if (!prepared) {
      prepared = build(db).prepare(name);
      byConnection.set(connection, prepared);
    }
    return prepared.execute(values);
  };
}

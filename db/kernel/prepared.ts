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
 * SQLite: built and prepared once per connection (drizzle session); a transaction's
 * handle shares its connection's session, so a query prepared in one transaction runs in
 * the next one on the same connection. PostgreSQL: built for every run, as a query
 * written in place would be — a prepared query there is bound to one pooled connection,
 * and the round trip costs more than the building.
 */
export function preparedQuery<R>(name: string, build: (db: Db) => Reusable<R>): (db: Db, values: Record<string, unknown>) => Promise<R> {
  const bySession = new WeakMap<object, Runnable<R>>();
  return (db, values) => {
    if (STORE === 'pg') return build(db).execute(values);
    const session = (db as unknown as { session: object }).session;
    let prepared = bySession.get(session);
    if (!prepared) {
      prepared = build(db).prepare(name);
      bySession.set(session, prepared);
    }
    return prepared.execute(values);
  };
}

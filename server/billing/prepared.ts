import { sql } from 'drizzle-orm';
import type { DbOrTx } from './tx';

/**
 * Drizzle builds, and SQLite compiles, every query anew — about 100 µs each, most of
 * the cost of a metered call or of settling one account. The statements on those paths
 * are prepared once per connection instead. A transaction shares its connection's
 * session with the root database (drizzle keeps it on both as `session`), so a statement
 * prepared through either runs inside whatever transaction is open on the connection.
 */
const byConnection = new WeakMap<object, Map<(db: DbOrTx) => unknown, unknown>>();

export function prepared<T>(db: DbOrTx, build: (db: DbOrTx) => T): T {
  const connection = (db as unknown as { session: object }).session;
  let statements = byConnection.get(connection);
  if (!statements) byConnection.set(connection, (statements = new Map()));
  if (!statements.has(build)) statements.set(build, build(db));
  return statements.get(build) as T;
}

/** A named parameter of a prepared statement. */
export const param = (name: string) => sql.placeholder(name);

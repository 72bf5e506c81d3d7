import type Database from 'better-sqlite3';

/**
 * Makes a connection reuse compiled statements. Drizzle's query builder calls prepare()
 * for every query it runs; on the API's hot path compiling the same dozen SQL texts again
 * for every request cost more than executing them. Statements are handed out in their
 * default (non-raw) mode, as a freshly prepared one would be. Not for connections that
 * iterate() a statement while running the same SQL again.
 */
export function reuseStatements(client: Database.Database, maxStatements = 256): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (cache.size < maxStatements) cache.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
}

import path from 'node:path';

/**
 * Which store this process runs on. `DATABASE_URL` decides once, at start: a
 * `postgres://` (or `postgresql://`) URL is PostgreSQL, anything else a SQLite file path.
 * The domain's tables are that store's (see ./schema.ts), so one process uses one store.
 */
export type StoreKind = 'sqlite' | 'pg';

export const DEFAULT_DATABASE_URL = './data/console.db';

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function storeKindOf(url: string): StoreKind {
  return /^postgres(ql)?:\/\//i.test(url) ? 'pg' : 'sqlite';
}

export const STORE: StoreKind = storeKindOf(databaseUrl());

/** The URL with any password replaced, for logs and messages. */
export function redactedUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/**
 * This machine's data folder of a database: beside the SQLite file, or ./data on
 * PostgreSQL (where the files kept there are this host's, not the database's).
 */
export function dataDirOf(url: string): string {
  return path.dirname(path.resolve(/*turbopackIgnore: true*/ storeKindOf(url) === 'pg' ? DEFAULT_DATABASE_URL : url));
}

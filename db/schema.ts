// The tables the domain code uses. It is written once and typed against the PostgreSQL
// tables; on SQLite their twins in ./schema/sqlite.ts stand in at run time — the same table
// and column names, keys and indexes (db/schema.test.ts compares the two), and drizzle builds
// the same queries for both. Only what differs by dialect lives in db/kernel.
import * as pg from './schema/pg';
import * as sqlite from './schema/sqlite';
import { STORE } from './store';

export const schema = (STORE === 'pg' ? pg : sqlite) as unknown as typeof pg;

export const {
  users,
  sessions,
  signInThrottle,
  accounts,
  appClock,
  jobRuns,
  packs,
  usageMonthly,
  usageDaily,
  orders,
  ledgerEntries,
  topUps,
  bills,
  billLines,
  notifications,
  apiKeys,
  apiRequests,
  apiRequestLog,
  contactRequests,
  persons,
  personFaces,
  galleryVersion,
} = schema;

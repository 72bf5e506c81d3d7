// Prints the PostgreSQL databases the pg project's servers use, for npm test to create.
import { SERVERS } from './servers';

console.log(
  SERVERS.filter((s) => s.store === 'pg')
    .map((s) => new URL(s.databaseUrl).pathname.slice(1))
    .join(' '),
);

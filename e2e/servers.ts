// Every spec file owns its console + API server pair, database and app clock, so no spec
// depends on what another one did to the clock or on the order files run in. The
// `sqlite` project runs every spec on SQLite; the `pg` project runs PG_SPECS again on
// PostgreSQL (when npm test gives it a server, E2E_PG_URL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_CLOCK_START = '2019-12-05T10:00:00+08:00';
/** A console whose clock stands in the public beta (before 2019-12-01). */
export const BETA_CLOCK_START = '2019-11-20T10:00:00+08:00';

export type Store = 'sqlite' | 'pg';
export type Variant = 'main' | 'beta';
/** Sandbox: the clock moves and top-ups are simulated; production: a real deployment (SPEC §11). */
export type Mode = 'sandbox' | 'production';
/** Specs whose console runs as a production deployment. */
const PRODUCTION_SPECS = ['production.spec.ts'];

export const SPECS = fs
  .readdirSync(path.join(__dirname))
  .filter((f) => f.endsWith('.spec.ts'))
  .sort();
/** The original prepaid flow and the arrears story, on PostgreSQL as well. */
export const PG_SPECS = ['packs.spec.ts', 'bills.spec.ts'];
/** Specs with a describe block that needs a console in the public beta. */
const BETA_SPECS = ['packs.spec.ts', 'product.spec.ts'];

export interface SpecServer {
  key: string;
  /** The spec file this server is for. */
  spec: string;
  store: Store;
  baseURL: string;
  apiUrl: string;
  /** host:port of the API server, as an SDK endpoint. */
  apiHost: string;
  /** What the sandbox CLIs take as DATABASE_URL to act on this server's data. */
  databaseUrl: string;
  port: number;
  apiPort: number;
  clockStart: string;
  mode: Mode;
}

/** Run by hand, each checkout gets its own range, so two worktrees can run specs at once. */
function defaultPortBase(): number {
  let hash = 0;
  for (const c of path.resolve(__dirname, '..')) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return 3100 + 100 * (hash % 40);
}
const portBase = Number(process.env.E2E_PORT_BASE ?? defaultPortBase());
const sqliteDir = process.env.E2E_DB_DIR ?? path.join(os.tmpdir(), `iac-e2e-${portBase}`);
const pgBase = process.env.E2E_PG_URL;

/** The PostgreSQL database of one server (npm test creates each before the suite starts). */
export const pgDatabaseName = (key: string) => `e2e_${key.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;

function pgUrl(key: string): string {
  const url = new URL(pgBase!);
  url.pathname = `/${pgDatabaseName(key)}`;
  return url.toString();
}

function plan(): SpecServer[] {
  const wanted: { spec: string; variant: Variant; store: Store }[] = [];
  for (const spec of SPECS) {
    wanted.push({ spec, variant: 'main', store: 'sqlite' });
    if (BETA_SPECS.includes(spec)) wanted.push({ spec, variant: 'beta', store: 'sqlite' });
  }
  if (pgBase) for (const spec of PG_SPECS) for (const variant of ['main', ...(BETA_SPECS.includes(spec) ? ['beta'] : [])] as Variant[]) wanted.push({ spec, variant, store: 'pg' });
  return wanted.map(({ spec, variant, store }, i) => {
    const key = `${store}-${spec.replace(/\.spec\.ts$/, '')}-${variant}`;
    const port = portBase + 2 * i;
    return {
      key,
      spec,
      store,
      port,
      apiPort: port + 1,
      baseURL: `http://127.0.0.1:${port}`,
      apiUrl: `http://127.0.0.1:${port + 1}/`,
      apiHost: `127.0.0.1:${port + 1}`,
      databaseUrl: store === 'pg' ? pgUrl(key) : path.join(sqliteDir, `${key}.db`),
      clockStart: variant === 'beta' ? BETA_CLOCK_START : E2E_CLOCK_START,
      mode: PRODUCTION_SPECS.includes(spec) ? 'production' : 'sandbox',
    };
  });
}

export const SERVERS = plan();

/**
 * The servers to start: those of the spec files named on the command line
 * (`npx playwright test e2e/packs.spec.ts`), or all of them. Ports stay those of the full
 * plan, so the test workers (which see other arguments) find the same server.
 */
export function serversToStart(argv: string[] = process.argv): SpecServer[] {
  const named = argv.map((a) => path.basename(a)).filter((a) => SPECS.includes(a));
  if (named.length === 0) return SERVERS;
  return SERVERS.filter((s) => named.includes(s.spec));
}

/** The server a test of `specFile` in project `store` talks to. */
export function serverFor(store: Store, specFile: string, variant: Variant = 'main'): SpecServer {
  const key = `${store}-${path.basename(specFile).replace(/\.spec\.ts$/, '')}-${variant}`;
  const server = SERVERS.find((s) => s.key === key);
  if (!server) throw new Error(`no e2e server ${key} (is ${path.basename(specFile)} in this project?)`);
  return server;
}

import { defineConfig } from '@playwright/test';

// npm test picks free ports and a throwaway database and passes them in; run by hand,
// the suite falls back to fixed ports and a database under /tmp.
const port = process.env.E2E_PORT ?? '3100';
const apiPort = process.env.E2E_API_PORT ?? '3101';
const databaseUrl = process.env.E2E_DATABASE_URL ?? `/tmp/iac-e2e-${port}/console.db`;
/** For specs that need the API server's address or the database (sandbox CLIs). */
export const E2E_API_URL = `http://127.0.0.1:${apiPort}/`;
export const E2E_DATABASE_URL = databaseUrl;

const betaPort = process.env.E2E_BETA_PORT ?? String(Number(port) + 2);
const betaApiPort = process.env.E2E_BETA_API_PORT ?? String(Number(port) + 3);

export const E2E_CLOCK_START = '2019-12-05T10:00:00+08:00';
/** A second console whose clock stands in the public beta (before 2019-12-01). */
export const BETA_BASE_URL = `http://127.0.0.1:${betaPort}`;
export const BETA_CLOCK_START = '2019-11-20T10:00:00+08:00';

function server(p: string, apiP: string, db: string, clockStart: string) {
  return {
    command: 'node scripts/bootstrap.mjs serve',
    url: `http://127.0.0.1:${p}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: { PORT: p, API_PORT: apiP, DATABASE_URL: db, CLOCK_START: clockStart, SANDBOX_CLOCK: '1', OPERATOR_EMAILS: 'operator@example.com' },
  };
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // One server, one app clock shared by every spec: run in order, one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    server(port, apiPort, databaseUrl, E2E_CLOCK_START),
    server(betaPort, betaApiPort, databaseUrl.replace(/\.db$/, '-beta.db'), BETA_CLOCK_START),
  ],
});

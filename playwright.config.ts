import { defineConfig } from '@playwright/test';

// npm test picks free ports and a throwaway database and passes them in; run by hand,
// the suite falls back to fixed ports and a database under /tmp.
const port = process.env.E2E_PORT ?? '3100';
const apiPort = process.env.E2E_API_PORT ?? '3101';
const databaseUrl = process.env.E2E_DATABASE_URL ?? `/tmp/iac-e2e-${port}/console.db`;

export const E2E_CLOCK_START = '2019-12-05T10:00:00+08:00';

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
  webServer: {
    command: 'node scripts/bootstrap.mjs serve',
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: port,
      API_PORT: apiPort,
      DATABASE_URL: databaseUrl,
      CLOCK_START: E2E_CLOCK_START,
      SANDBOX_CLOCK: '1',
      API_URL_FOR_TESTS: `http://127.0.0.1:${apiPort}/`,
    },
  },
});

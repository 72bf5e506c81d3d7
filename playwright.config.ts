import { defineConfig } from '@playwright/test';
import { PG_SPECS, serversToStart, type Mode } from './e2e/servers';

/**
 * A sandbox console (the default), or one run as a real deployment: production build
 * semantics, no sandbox clock, and plain http on loopback (so the Secure cookie is off).
 */
function modeEnv(mode: Mode): Record<string, string> {
  return mode === 'production' ? { NODE_ENV: 'production', SANDBOX_CLOCK: '0', COOKIE_SECURE: '0' } : { SANDBOX_CLOCK: '1' };
}

// npm test picks a free port range (E2E_PORT_BASE), a temp folder for the SQLite files and,
// for the pg project, a throwaway PostgreSQL server (E2E_PG_URL); run by hand, the suite
// falls back to a port range chosen by the checkout's path and files under /tmp, SQLite only.
// Naming spec files on the command line starts only their servers.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // Each spec has its own server and clock; one worker keeps the 2-core machine responsive.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
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
  projects: [
    { name: 'sqlite', use: { browserName: 'chromium' } },
    ...(process.env.E2E_PG_URL ? [{ name: 'pg', use: { browserName: 'chromium' as const }, testMatch: PG_SPECS }] : []),
  ],
  webServer: serversToStart().map((s) => ({
    command: 'node scripts/bootstrap.mjs serve',
    url: `${s.baseURL}/login`,
    reuseExistingServer: false,
    // Many servers start at once on two cores.
    timeout: 300_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    // One API worker and one model thread per spec server: a dozen of them share two cores.
    env: { PORT: String(s.port), API_PORT: String(s.apiPort), DATABASE_URL: s.databaseUrl, CLOCK_START: s.clockStart, API_WORKERS: '1', ENGINE_THREADS: '1', ...modeEnv(s.mode) },
  })),
});

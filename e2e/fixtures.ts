import { test as base } from '@playwright/test';
import { serverFor, type SpecServer, type Store, type Variant } from './servers';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

/**
 * The suite's `test`: `server` is this spec file's own console + API (e2e/servers.ts), and
 * `baseURL` points at it. A describe block that needs the public beta says
 * `test.use({ variant: 'beta' })`.
 */
export const test = base.extend<{ variant: Variant; server: SpecServer }>({
  variant: ['main', { option: true }],
  server: async ({ variant }, provide, testInfo) => {
    await provide(serverFor(testInfo.project.name as Store, testInfo.file, variant));
  },
  baseURL: async ({ server }, provide) => {
    await provide(server.baseURL);
  },
});

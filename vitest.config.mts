import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// `*.built.test.ts` drive the production build (`next start`): npm test runs them after
// `next build`, with VITEST_BUILT=1; every other run leaves them out.
const BUILT = '**/*.built.test.ts';
// `*.pg-only.test.ts` need what only a server database gives (several hosts on one
// database): they run in the PostgreSQL pass and are not collected at all on SQLite.
const PG_ONLY = '**/*.pg-only.test.ts';
const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

export default defineConfig({
  resolve: {
    // Mirrors tsconfig "paths": { "@/*": ["./*"] }.
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    include: process.env.VITEST_BUILT === '1' ? [BUILT] : ['lib/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(process.env.VITEST_BUILT === '1' ? [] : [BUILT]), ...(onPostgres ? [] : [PG_ONLY])],
    environment: 'node',
    // Most suites wait on child processes, servers and PostgreSQL rather than compute: four
    // files at once on the 2-core machine took the SQLite pass from 214 s to 157 s and the
    // PostgreSQL pass to 169 s (the default runs one file per core).
    maxWorkers: 4,
    // With four files at once on two cores, a test that is mostly waits (a PostgreSQL
    // commit, a child process) can take several times its quiet duration: 26 top-ups on
    // PostgreSQL went past vitest's 5 s default in a clean-clone run. A guard, not a budget.
    testTimeout: 30_000,
    setupFiles: ['db/testing-setup.ts'],
  },
});

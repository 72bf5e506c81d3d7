import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// `*.built.test.ts` drive the production build (`next start`): npm test runs them after
// `next build`, with VITEST_BUILT=1; every other run leaves them out.
const BUILT = '**/*.built.test.ts';

export default defineConfig({
  resolve: {
    // Mirrors tsconfig "paths": { "@/*": ["./*"] }.
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    include: process.env.VITEST_BUILT === '1' ? [BUILT] : ['lib/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts'],
    exclude: process.env.VITEST_BUILT === '1' ? configDefaults.exclude : [...configDefaults.exclude, BUILT],
    environment: 'node',
    setupFiles: ['db/testing-setup.ts'],
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Mirrors tsconfig "paths": { "@/*": ["./*"] }.
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['db/testing-setup.ts'],
  },
});

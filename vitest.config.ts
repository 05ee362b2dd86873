import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/workers runs inside workerd: `npm run test:workers` (vitest.workers.config.ts).
    exclude: ['test/workers/**', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Suites start real processes (CLI, DuckDB); two cores in CI.
    maxWorkers: 2,
  },
});

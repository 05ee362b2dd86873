import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/workers runs inside workerd: `npm run test:workers` (vitest.workers.config.ts).
    // test/conformance-jvm (Spark targets, ~30 min here) runs on its own: `npm run test:conformance-jvm`.
    exclude: process.env.HDSBENCH_JVM_CONFORMANCE ? ['test/workers/**', '**/node_modules/**'] : ['test/workers/**', 'test/conformance-jvm/**', '**/node_modules/**'],
    // Every temporary folder of the run under one, removed at the end.
    globalSetup: ['test/temp-root.setup.ts'],
    // In CI (.ci/run), also a JSON report per run for the summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: `test-artifacts/vitest-node${process.versions.node.split('.')[0]}.json` } : undefined,
    // Limits for a hung test, not speed goals: suites generate datasets and start real servers,
    // and a shared two-core machine can be many times slower than an idle one.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Suites start real processes (CLI, DuckDB); two cores in CI.
    maxWorkers: 2,
  },
});

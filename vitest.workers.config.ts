import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Tests that run inside workerd (the Workers runtime), against the real Worker of wrangler.toml:
 * `npx vitest run -c vitest.workers.config.ts`. The global setup computes reference manifests
 * with Node so that the tests can compare the Worker's bytes with Node's.
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './workers/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      // The part-writing route's bucket (a local R2, as in `wrangler dev`) and its shared secret.
      miniflare: { r2Buckets: ['DATASETS'], bindings: { HDSBENCH_WRITE_TOKEN: 'workers-test-token' } },
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    globalSetup: ['test/workers/node-reference.setup.ts'],
    // In CI (.ci/run), also a JSON report per run for the summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: `test-artifacts/vitest-workers.json` } : undefined,
    // Limits for a hung test, not speed goals: suites generate datasets and start real servers,
    // and a shared two-core machine can be many times slower than an idle one.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // A body cut on purpose (test/workers/cancellation.test.ts: a stalled client's download) errors
    // its stream, which workerd reports as an unhandled rejection. Only that error is let through.
    onUnhandledError: (error) => !/ClientStalled/.test(`${error.name} ${error.message}`),
  },
});

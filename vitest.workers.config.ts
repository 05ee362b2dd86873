import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Tests that run inside workerd (the Workers runtime), against the real Worker of wrangler.toml:
 * `npx vitest run -c vitest.workers.config.ts`. The global setup computes reference manifests
 * with Node so that the tests can compare the Worker's bytes with Node's.
 */
export default defineConfig({
  plugins: [cloudflareTest({ main: './workers/index.ts', wrangler: { configPath: './wrangler.toml' } })],
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
  },
});

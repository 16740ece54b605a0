import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: unit tests sit beside the code (packages/*/src/**/*.test.ts),
// integration tests that boot the real server live in apps/server/test.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // 2-core machines: the integration tests each start PGlite and a server.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: unit tests sit beside the code (packages/*/src/**/*.test.ts),
// integration tests that boot the real server live in apps/server/test. The embedded web app has its own
// projects: component tests in jsdom, and browser journeys (apps/web/vitest*.config.ts).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // 2-core machines: the integration tests each start PGlite and a server.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'workspace',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'apps/web/**'],
        },
      },
      'apps/web/vitest.config.ts',
      'e2e/vitest.config.ts',
    ],
  },
});

import { defineProject } from 'vitest/config';

// Browser journeys of the embedded app: the real server with both simulators, driven through Debian's
// Chromium by playwright-core. The global setup builds apps/web into its dist/ first, so they test this tree.
export default defineProject({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    environment: 'node',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./support/build-before-journeys.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

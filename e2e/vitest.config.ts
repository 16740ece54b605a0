import { defineProject } from 'vitest/config';

// Browser journeys (issue 7 "Done when"): the real server with both simulators, driven through Debian's
// Chromium by playwright-core. The global setup builds the app into dist/ first, so they test this tree.
export default defineProject({
  test: {
    name: 'web-e2e',
    root: import.meta.dirname,
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['./e2e/support/build-before-journeys.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The web app's component tests: jsdom, React. @procore/core-react ships ES modules in .js files without
// "type": "module", which Node cannot load as they are: let Vite transform it (and its styled-components
// imports) instead of handing it to Node.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup-tests.ts'],
    // Not a performance bound: a first render of @procore/core-react on a loaded 2-core machine has taken
    // over the 5 s default (timing belongs in pnpm bench, CONTRIBUTING.md).
    testTimeout: 60_000,
    server: { deps: { inline: [/@procore\//] } },
  },
});

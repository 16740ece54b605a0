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
    server: { deps: { inline: [/@procore\//] } },
  },
});

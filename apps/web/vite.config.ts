import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by apps/server at /app/ (plugins/serve-web-app.ts); `pnpm --filter @connector/web dev`
// proxies the API to a server on :3000.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  // One bundle (React, core-react, the screens) of about 0.8 MB, 220 kB gzipped; the warning's 500 kB is for sites, not an app in an iframe.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000', '/static': 'http://localhost:3000' } },
});

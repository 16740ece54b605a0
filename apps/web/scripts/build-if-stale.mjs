// Builds the embedded app into dist/ when dist is missing or older than its sources. Run by the root
// postinstall (so `pnpm install && pnpm start` serves a built app on a fresh machine) and before the
// browser journeys (so they test this tree). `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under the app's sources and build configuration. */
function newestSource() {
  let newest = 0;
  const visit = (entry) => {
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const name of ['src', 'index.html', 'vite.config.ts', 'package.json']) {
    const entry = path.join(root, name);
    if (existsSync(entry)) visit(entry);
  }
  return newest;
}

export async function buildIfStale({ force = false, log = console.log } = {}) {
  const index = path.join(root, 'dist', 'index.html');
  if (!force && existsSync(index) && statSync(index).mtimeMs >= newestSource()) {
    log('apps/web/dist is up to date');
    return false;
  }
  // React's production build: a test runner's NODE_ENV=test would otherwise give the development one.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ root, mode: 'production', logLevel: 'warn', configFile: path.join(root, 'vite.config.ts') });
  log('built the embedded app into apps/web/dist');
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfStale({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

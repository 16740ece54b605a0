import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Vitest global setup of the browser journeys: the server serves apps/web/dist, so build it from this tree
// first (in its own process, with NODE_ENV=production: the test runner's NODE_ENV=test would give React's
// development build).
export default function setup() {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/scripts/build-if-stale.mjs');
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`building the web app failed (exit ${result.status})`);
}

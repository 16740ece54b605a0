// Copies what the production server runs into a clean folder shaped like the repository (so the paths the
// compiled code resolves from its own location still hold): the root manifest and lockfile, the compiled
// server and packages (`pnpm build` first), the migrations and the built web app. No sources, tests or
// node_modules; then, in that folder:
//   pnpm install --prod --frozen-lockfile --offline --ignore-scripts --filter @connector/server...
// The Dockerfile runs exactly this, and apps/server/test/production-build.test.ts proves it runs.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2] ? path.resolve(process.argv[2]) : '';
if (!target) {
  process.stderr.write('usage: node scripts/stage-production.mjs <empty folder>\n');
  process.exit(2);
}
if (existsSync(target) && readdirSync(target).length > 0) {
  process.stderr.write(`stage-production: ${target} is not empty\n`);
  process.exit(2);
}

const packages = ['apps/server', ...readdirSync(path.join(root, 'packages')).map((name) => `packages/${name}`)];
const missing = packages.filter((dir) => !existsSync(path.join(root, dir, 'dist')));
if (missing.length > 0 || !existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  process.stderr.write(`stage-production: run \`pnpm build\` first (no build in ${[...missing, 'apps/web/dist'].join(', ')})\n`);
  process.exit(1);
}

mkdirSync(target, { recursive: true });
for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) cpSync(path.join(root, file), path.join(target, file));
cpSync(path.join(root, 'prisma/migrations'), path.join(target, 'prisma/migrations'), { recursive: true });
cpSync(path.join(root, 'apps/web/dist'), path.join(target, 'apps/web/dist'), { recursive: true });
for (const dir of packages) {
  cpSync(path.join(root, dir, 'package.json'), path.join(target, dir, 'package.json'));
  // Source maps stay: stack traces in production logs then name the TypeScript line.
  cpSync(path.join(root, dir, 'dist'), path.join(target, dir, 'dist'), { recursive: true });
}
process.stdout.write(`staged the production build in ${target}\n`);

// `pnpm build`: compiles the server and every workspace package it loads to JavaScript, next to each
// package's sources (`<package>/src/x.ts` → `<package>/dist/x.js`), so the paths the code resolves from its
// own location (`../../../prisma/migrations`, `../../web/dist`, the root package.json) are the same depth in
// both. One TypeScript program for all of them (one type check); `rewriteRelativeImportExtensions` turns the
// `.ts` specifiers into `.js` (TypeScript 5.7 release notes). Workspace packages are reached through the
// `connector-dist` export condition (`node --conditions=connector-dist`, package.json `exports`).
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const configPath = path.join(root, 'tsconfig.build.json');
const started = process.hrtime.bigint();

const read = ts.readConfigFile(configPath, ts.sys.readFile);
if (read.error) fail([read.error]);
const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
if (parsed.errors.length > 0) fail(parsed.errors);

const packageDirs = [path.join(root, 'apps/server'), ...readdirSync(path.join(root, 'packages')).map((name) => path.join(root, 'packages', name))];
for (const dir of packageDirs) rmSync(path.join(dir, 'dist'), { recursive: true, force: true });

// `<package>/src/…` → `<package>/dist/…`; anything else would be a file outside a package's sources.
function toDist(fileName) {
  const relative = path.relative(root, fileName).split(path.sep);
  const srcAt = relative[0] === 'apps' || relative[0] === 'packages' ? 2 : -1;
  if (srcAt < 0 || relative[srcAt] !== 'src') throw new Error(`build: ${fileName} is not under a package's src/`);
  relative[srcAt] = 'dist';
  return path.join(root, ...relative);
}

const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
const emitted = program.emit(undefined, (fileName, text) => {
  const target = toDist(fileName);
  mkdirSync(path.dirname(target), { recursive: true });
  ts.sys.writeFile(target, text);
});
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length > 0) fail(diagnostics);

// Files the compiled code loads that are not TypeScript: the xmllint worker (CommonJS, run as is).
for (const dir of packageDirs) copyNonTs(path.join(dir, 'src'), path.join(dir, 'dist'));

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`build: ${parsed.fileNames.length} files compiled to <package>/dist in ${seconds.toFixed(1)} s\n`);

function copyNonTs(from, to) {
  let entries;
  try {
    entries = readdirSync(from, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyNonTs(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.cjs')) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, path.join(to, entry.name));
    }
  }
}

function fail(list) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(list, host));
  process.exit(1);
}

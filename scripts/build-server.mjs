// `pnpm build`: compiles the server and every workspace package it loads to JavaScript, next to each
// package's sources (`<package>/src/x.ts` → `<package>/dist/x.js`), so the paths the code resolves from its
// own location (`../../../prisma/migrations`, `../../web/dist`, the root package.json) are the same depth in
// both. One TypeScript program for all of them (one type check); `rewriteRelativeImportExtensions` turns the
// `.ts` specifiers into `.js` (TypeScript 5.7 release notes). Workspace packages are reached through the
// `connector-dist` export condition (`node --conditions=connector-dist`, package.json `exports`).
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

// The program (parsing and module resolution, no type check yet) names every file the server loads, including
// those reached by imports rather than by tsconfig.build.json's include.
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
// `--no-type-check`: emit only (the test that stages the build runs it; `pnpm test` runs `pnpm typecheck` first).
const typeCheck = !process.argv.includes('--no-type-check');
const diagnostics = typeCheck ? ts.getPreEmitDiagnostics(program) : program.getSyntacticDiagnostics();
if (diagnostics.length > 0) fail(diagnostics);

// Each file on its own (`isolatedModules` + `verbatimModuleSyntax` make that the same output as a whole-program
// emit; TypeScript handbook, "isolatedModules"), as ES modules (every package is `"type": "module"`).
const sources = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
const transpileOptions = { ...parsed.options, module: ts.ModuleKind.ESNext, noEmit: false };
for (const file of sources) {
  const target = toDist(file.fileName).replace(/\.ts$/, '.js');
  const output = ts.transpileModule(file.text, { compilerOptions: transpileOptions, fileName: file.fileName, reportDiagnostics: false });
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, output.outputText);
  if (output.sourceMapText) {
    // The map beside the output names its source in src/ (stack traces in production logs point at TypeScript lines).
    const map = JSON.parse(output.sourceMapText);
    map.sources = [path.relative(path.dirname(target), file.fileName)];
    writeFileSync(`${target}.map`, JSON.stringify(map));
  }
}

// Files the compiled code loads that are not TypeScript: the xmllint worker (CommonJS, run as is).
for (const dir of packageDirs) copyNonTs(path.join(dir, 'src'), path.join(dir, 'dist'));

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`build: ${sources.length} files compiled to <package>/dist${typeCheck ? ', type-checked,' : ''} in ${seconds.toFixed(1)} s\n`);

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

// Lists every function, method and arrow function longer than a limit (default 100 lines) in the workspace's
// source (apps/*/src, packages/*/src), longest first, so a long function is seen before it grows further
// (issue 17 item 5: long functions are split into plan → apply → record steps).
// Usage: node scripts/report-long-functions.mjs [--limit 100] [--json]
// Tests and the generated qbXML element list are left out: a test's describe block and a generated table are
// long by nature. A nested function is listed on its own and also counts toward the function holding it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const limitIndex = args.indexOf('--limit');
const limit = limitIndex >= 0 ? Number(args[limitIndex + 1]) : 100;
const asJson = args.includes('--json');
if (!Number.isInteger(limit) || limit < 1) {
  console.error('--limit takes a whole number of lines, e.g. --limit 100');
  process.exit(2);
}

const EXCLUDED_FILES = new Set(['packages/qbxml/src/repeatable-elements.ts']);
const isTestFile = (path) => /\.(test|spec)\.[cm]?tsx?$/.test(path) || path.split('/').includes('__tests__');

function listSourceFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'generated') continue;
      files.push(...listSourceFiles(path));
    } else if (/\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

function workspaceSourceDirectories() {
  const directories = [];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const src = join(root, group, name, 'src');
      try {
        if (statSync(src).isDirectory()) directories.push(src);
      } catch {
        // a workspace package without src/ holds no source of its own
      }
    }
  }
  return directories;
}

function propertyNameText(name) {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText();
}

// A readable name: the declaration's own name, else what it is assigned to, else the call it is passed to
// (e.g. `app.post('/imports/run') handler`).
function functionName(node) {
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.text;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    const owner = node.parent && ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
    return owner + propertyNameText(node.name);
  }
  if (ts.isConstructorDeclaration(node)) return `${node.parent.name?.text ?? 'class'}.constructor`;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyNameText(parent.name);
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText();
    const firstArgument = parent.arguments[0];
    const label = firstArgument && ts.isStringLiteralLike(firstArgument) ? `('${firstArgument.text}')` : '';
    return `${callee}${label} callback`;
  }
  if (ts.isExportAssignment(parent)) return 'default export';
  return '<anonymous>';
}

const isFunctionLike = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

const found = [];
for (const directory of workspaceSourceDirectories()) {
  for (const file of listSourceFiles(directory)) {
    const path = relative(root, file).split('\\').join('/');
    if (EXCLUDED_FILES.has(path) || isTestFile(path)) continue;
    const text = readFileSync(file, 'utf8');
    const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const visit = (node) => {
      if (isFunctionLike(node) && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        const lines = end - start + 1;
        if (lines > limit) found.push({ file: path, line: start, name: functionName(node), lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

found.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
if (asJson) {
  console.log(JSON.stringify({ limit, count: found.length, functions: found }, null, 2));
} else {
  for (const f of found) console.log(`${String(f.lines).padStart(5)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(`${found.length} functions over ${limit} lines`);
}

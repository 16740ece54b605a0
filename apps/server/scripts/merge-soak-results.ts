// `pnpm soak:merge`: adds up the result files of a soak run in parts (`pnpm soak -- --out …` stopped with SIGTERM and
// continued from the next seed, possibly in another session) into one figure set: histories, steps, sessions,
// restarts, faults by kind, violations by invariant, CPU and wall time. Each part comes with the list of seeds it ran
// (one per line: the `seed N:` lines of its log), so that the total counts each history once: the lists must not
// overlap and must hold as many seeds as the part's figures say it ran.
//
// Usage: pnpm soak:merge --out total.json part1.json:part1-seeds.txt part2.json:part2-seeds.txt …
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeSoakResults, type SoakPart } from './sum-soak-parts.ts';

function readPart(spec: string): SoakPart {
  const [resultPath, seedsPath] = spec.split(':');
  if (!resultPath || !seedsPath) throw new Error(`${spec}: give each part as result.json:seeds.txt`);
  const seeds = readFileSync(seedsPath, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(Number);
  return { name: resultPath, result: JSON.parse(readFileSync(resultPath, 'utf8')) as SoakPart['result'], seeds };
}

function main(argv: string[]): void {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const specs = argv.filter((arg, i) => arg !== '--' && (outIndex < 0 || (i !== outIndex && i !== outIndex + 1)));
  if (specs.length === 0) throw new Error('usage: pnpm soak:merge --out total.json result.json:seeds.txt …');
  const text = `${JSON.stringify(mergeSoakResults(specs.map(readPart)), null, 2)}\n`;
  if (out) writeFileSync(out, text);
  process.stdout.write(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));

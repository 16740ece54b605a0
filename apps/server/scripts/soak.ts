// pnpm soak -- --histories N --seed S --db pglite|postgres --steps K [--shrink] [--verbose]
// pnpm soak -- --replay <file.json> [--db ...]
//
// Runs N simulated histories (data safety) against the real server, database and both simulators; prints and
// writes to bench/results/soak-latest.json the histories run, steps, faults injected by kind, invariant
// violations and the time taken. A failing history is shrunk (with --shrink, the default for up to 5
// failures) and written to bench/results/soak-failures/seed-<S>.json, replayable with --replay.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '@connector/db/testing';
import { generateHistory, type History } from '../test/simulation/history.ts';
import { runHistory, type RunResult } from '../test/simulation/run-history.ts';
import { shrinkHistory } from '../test/simulation/shrink-history.ts';
import { createWorld } from '../test/simulation/world.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function parseArgs(argv: string[]) {
  const args = { histories: 20, seed: 1, db: 'pglite' as DatabaseKind, steps: 30, replay: null as string | null, shrink: true, maxShrinks: 5, shrinkBudget: 40, verbose: false, out: 'bench/results/soak-latest.json' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i]!;
    if (a === '--') continue;
    else if (a === '--histories') args.histories = Number(next());
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--db') args.db = next() as DatabaseKind;
    else if (a === '--steps') args.steps = Number(next());
    else if (a === '--replay') args.replay = next();
    else if (a === '--no-shrink') args.shrink = false;
    else if (a === '--max-shrinks') args.maxShrinks = Number(next());
    else if (a === '--shrink-budget') args.shrinkBudget = Number(next());
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--out') args.out = next();
    else if (a === '--help') {
      process.stdout.write('pnpm soak -- [--histories N] [--seed S] [--db pglite|postgres] [--steps K] [--no-shrink] [--verbose] [--replay file.json]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function printFailure(result: RunResult, db: DatabaseKind, file?: string) {
  process.stdout.write(`\nVIOLATION (seed ${result.history.seed}, ${db}, after step ${result.failedAt}):\n`);
  for (const v of result.violations.slice(0, 10)) process.stdout.write(`  [${v.invariant}] ${v.message}\n`);
  process.stdout.write(`history (${result.history.steps.length} steps):\n${JSON.stringify(result.history, null, 1)}\n`);
  process.stdout.write(`log:\n${result.log.map((l) => `  ${l}`).join('\n')}\n`);
  if (file) process.stdout.write(`replay: pnpm soak -- --replay ${file} --db ${db}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const world = await createWorld(args.db);
  const started = performance.now();
  const totals = { histories: 0, steps: 0, skipped: 0, sessions: 0, restarts: 0, faults: {} as Record<string, number>, violations: 0, byInvariant: {} as Record<string, number>, failingSeeds: [] as Array<{ seed: number; invariants: string[]; file?: string; minimalSteps?: number }> };
  const out = resolve(root, args.out);
  const summarize = () => ({ db: args.db, firstSeed: args.seed, stepsPerHistory: args.steps, ...totals, seconds: Math.round((performance.now() - started) / 1000), at: new Date().toISOString() });
  const save = () => {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(summarize(), null, 2)}\n`);
  };
  // A soak stopped from outside (timeout, Ctrl-C) still leaves its figures.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (!args.replay) save();
      process.stdout.write(`\nstopped by ${signal}\n${JSON.stringify(summarize(), null, 2)}\n`);
      process.exit(totals.violations > 0 ? 1 : 130);
    });
  }
  try {
    if (args.replay) {
      const history = JSON.parse(readFileSync(args.replay, 'utf8')) as History;
      const result = await runHistory(world, history, args.verbose ? { log: (l) => process.stdout.write(`${l}\n`) } : {});
      if (result.violations.length > 0) printFailure(result, args.db);
      else process.stdout.write(`replayed ${history.steps.length} steps of seed ${history.seed}: no violation\n`);
      process.exitCode = result.violations.length > 0 ? 1 : 0;
      return;
    }
    let shrinks = 0;
    for (let h = 0; h < args.histories; h++) {
      const seed = args.seed + h;
      const history = generateHistory(seed, { steps: args.steps });
      const result = await runHistory(world, history, args.verbose ? { log: (l) => process.stdout.write(`${l}\n`) } : {});
      totals.histories += 1;
      totals.steps += result.figures.steps;
      totals.skipped += result.figures.skipped;
      totals.sessions += result.figures.sessions;
      totals.restarts += result.figures.restarts;
      for (const [k, n] of Object.entries(result.figures.faults)) totals.faults[k] = (totals.faults[k] ?? 0) + n;
      process.stdout.write(
        `seed ${seed}: ${result.figures.steps} steps (${result.figures.skipped} skipped), ${result.figures.sessions} sessions, ${result.violations.length === 0 ? 'ok' : `${result.violations.length} VIOLATION(S) after step ${result.failedAt}`}` +
          ` — ${h + 1}/${args.histories}, ${totals.violations + (result.violations.length > 0 ? 1 : 0)} failing, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
      save();
      if (result.violations.length === 0) continue;
      totals.violations += 1;
      for (const name of new Set(result.violations.map((v) => v.invariant))) totals.byInvariant[name] = (totals.byInvariant[name] ?? 0) + 1;
      const failure: (typeof totals.failingSeeds)[number] = { seed, invariants: [...new Set(result.violations.map((v) => v.invariant))] };
      // The failure as it happened, before shrinking (which replays it many times).
      printFailure(result, args.db);
      let shown = result;
      if (args.shrink && shrinks < args.maxShrinks) {
        process.stdout.write(`shrinking seed ${seed} (at most ${args.shrinkBudget} replays)…\n`);
        shrinks += 1;
        const shrunk = await shrinkHistory(result, (candidate) => runHistory(world, candidate), { budget: args.shrinkBudget, log: (l) => process.stdout.write(`  ${l}\n`) });
        shown = shrunk.result;
        failure.minimalSteps = shrunk.history.steps.length;
        const file = resolve(root, `bench/results/soak-failures/seed-${seed}-${args.db}.json`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(shrunk.history, null, 1)}\n`);
        failure.file = file.slice(root.length + 1);
      }
      totals.failingSeeds.push(failure);
      save();
      if (shown !== result) {
        process.stdout.write(`\nMINIMAL HISTORY for seed ${seed}:\n`);
        printFailure(shown, args.db, failure.file);
      }
    }
  } finally {
    await world.close();
  }
  if (args.replay) return;
  process.stdout.write(`\n${JSON.stringify(summarize(), null, 2)}\n`);
  save();
  process.exitCode = totals.violations > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(2);
});

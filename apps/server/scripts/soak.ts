// pnpm soak -- --histories N --workers K --seed S --db pglite|postgres --steps M [--messy R] [--multi-currency R] [--owner R] [--no-shrink] [--verbose]
// pnpm soak -- --replay <file.json> [--db ...] [--verbose]
//
// Runs N simulated histories (data safety) against the real server, database and both simulators, on K worker
// processes (each with its own world: one migrated database, one server kept up, a fresh connector company,
// Procore company and QuickBooks company file per history). Prints and writes to bench/results/ (soak-<time>.json
// and soak-latest.json, as pnpm bench does) the histories run, steps, faults injected by kind, invariant
// violations, the run time, seconds per history and where that time went. A failing history is shrunk (the
// first --max-shrinks failures) and written to bench/results/soak-failures/seed-<S>-<db>.json, replayable with
// --replay; a minimal one worth keeping goes to apps/server/test/simulation/histories/ with its fix.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '@connector/db/testing';
import { generateHistory, type History } from '../test/simulation/history.ts';
import { runHistory, type RunFigures, type RunResult } from '../test/simulation/run-history.ts';
import { shrinkHistory } from '../test/simulation/shrink-history.ts';
import { createWorld } from '../test/simulation/world.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Args {
  histories: number;
  workers: number;
  seed: number;
  db: DatabaseKind;
  steps: number;
  messy: number | undefined;
  /** Share of histories on a multi-currency QuickBooks file (1 = all); undefined = the generator's default share. */
  multiCurrency: number | undefined;
  /** Share of histories with owner-side steps (issue 21); undefined = the generator's default, per seed. */
  owner: number | undefined;
  replay: string | null;
  shrink: boolean;
  maxShrinks: number;
  shrinkBudget: number;
  verbose: boolean;
  out: string | null;
  /** Internal: this process is worker `index` of `of`. */
  worker: { index: number; of: number } | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    histories: 20,
    workers: 1,
    seed: 1,
    db: 'pglite',
    steps: 30,
    messy: undefined,
    multiCurrency: undefined,
    owner: undefined,
    replay: null,
    shrink: true,
    maxShrinks: 5,
    shrinkBudget: 40,
    verbose: false,
    out: null,
    worker: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i]!;
    if (a === '--') continue;
    else if (a === '--histories') args.histories = Number(next());
    else if (a === '--workers') args.workers = Math.max(1, Number(next()));
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--db') args.db = next() as DatabaseKind;
    else if (a === '--steps') args.steps = Number(next());
    else if (a === '--messy') args.messy = Number(next());
    else if (a === '--multi-currency') args.multiCurrency = Number(next());
    else if (a === '--owner') args.owner = Number(next());
    else if (a === '--replay') args.replay = next();
    else if (a === '--no-shrink') args.shrink = false;
    else if (a === '--max-shrinks') args.maxShrinks = Number(next());
    else if (a === '--shrink-budget') args.shrinkBudget = Number(next());
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--out') args.out = next();
    else if (a === '--worker') {
      const [index, of] = next().split('/').map(Number);
      args.worker = { index: index!, of: of! };
    } else if (a === '--help') {
      process.stdout.write(
        `pnpm soak -- [--histories N] [--workers K (this machine: ${availableParallelism()} cores)] [--seed S] [--db pglite|postgres] [--steps M]\n` +
          '             [--messy R (every history on a messy QuickBooks file at rate R; default: the generator decides per seed)]\n' +
          '             [--multi-currency R (share of histories on a multi-currency QuickBooks file, 1 = all; default: a quarter, per seed)]\n' +
          '             [--owner R (share of histories with owner invoice and payment received steps, 1 = all; default: 0.3, per seed)]\n' +
          '             [--no-shrink] [--max-shrinks N] [--verbose] [--out file.json] [--replay file.json]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** What a worker reports for one history (over IPC, or to itself when there is one worker). */
interface HistoryReport {
  seed: number;
  messy: boolean;
  multiCurrency: boolean;
  owner: boolean;
  /** Set on a worker's first history: how long creating its world took (ms). */
  worldMs?: number;
  figures: RunFigures;
  violations: number;
  invariants: string[];
  failedAt: number | null;
  minimalSteps?: number;
  file?: string;
  text: string;
}

function failureText(result: RunResult, db: DatabaseKind, file?: string): string {
  return [
    `\nVIOLATION (seed ${result.history.seed}, ${db}, after step ${result.failedAt}):`,
    ...result.violations.slice(0, 10).map((v) => `  [${v.invariant}] ${v.message}`),
    `history (${result.history.steps.length} steps):\n${JSON.stringify(result.history, null, 1)}`,
    `log:\n${result.log.map((l) => `  ${l}`).join('\n')}`,
    ...(file ? [`replay: pnpm soak -- --replay ${file} --db ${db} --verbose`] : []),
    '',
  ].join('\n');
}

/** Runs the seeds `seeds` on one world (this process), reporting each history as it ends. */
async function runSeeds(args: Args, seeds: number[], report: (r: HistoryReport) => void): Promise<void> {
  const creating = performance.now();
  const world = await createWorld(args.db);
  let worldMs: number | undefined = Math.round(performance.now() - creating);
  let shrinks = 0;
  try {
    for (const seed of seeds) {
      const history = generateHistory(seed, {
        steps: args.steps,
        ...(args.messy !== undefined && { messyRate: args.messy }),
        ...(args.multiCurrency !== undefined && { multiCurrency: args.multiCurrency }),
        ...(args.owner !== undefined && { owner: args.owner }),
      });
      const result = await runHistory(world, history, args.verbose ? { log: (l) => process.stdout.write(`${l}\n`) } : {});
      const r: HistoryReport = {
        seed,
        messy: (history.messyRate ?? 0) > 0,
        multiCurrency: history.multiCurrency === true,
        owner: history.owner === true,
        ...(worldMs !== undefined && { worldMs }),
        figures: result.figures,
        violations: result.violations.length,
        invariants: [...new Set(result.violations.map((v) => v.invariant))],
        failedAt: result.failedAt,
        text: '',
      };
      if (result.violations.length > 0) {
        // The failure as it happened, before shrinking (which replays it many times).
        r.text = failureText(result, args.db);
        if (args.shrink && shrinks < args.maxShrinks) {
          shrinks += 1;
          const shrunk = await shrinkHistory(result, (candidate) => runHistory(world, candidate), { budget: args.shrinkBudget });
          const file = resolve(root, `bench/results/soak-failures/seed-${seed}-${args.db}.json`);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, `${JSON.stringify(shrunk.history, null, 1)}\n`);
          r.file = file.slice(root.length + 1);
          r.minimalSteps = shrunk.history.steps.length;
          r.text += `\nMINIMAL HISTORY for seed ${seed} (${shrunk.runs} replays):${failureText(shrunk.result, args.db, r.file)}`;
        }
      }
      worldMs = undefined;
      report(r);
    }
  } finally {
    await world.close();
  }
}

async function replay(args: Args) {
  const world = await createWorld(args.db);
  try {
    const history = JSON.parse(readFileSync(args.replay!, 'utf8')) as History;
    const result = await runHistory(world, history, args.verbose ? { log: (l) => process.stdout.write(`${l}\n`) } : {});
    if (result.violations.length > 0) process.stdout.write(failureText(result, args.db));
    else process.stdout.write(`replayed ${history.steps.length} steps of seed ${history.seed}: no violation\n`);
    process.exitCode = result.violations.length > 0 ? 1 : 0;
  } finally {
    await world.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay) return replay(args);
  const seeds = Array.from({ length: args.histories }, (_, h) => args.seed + h);
  if (args.worker) {
    // A worker: every K-th seed, each history reported to the parent as it ends.
    const mine = seeds.filter((_, h) => h % args.worker!.of === args.worker!.index);
    await runSeeds(args, mine, (r) => process.send!({ type: 'history', report: r }));
    return;
  }

  const started = performance.now();
  const totals = {
    histories: 0,
    steps: 0,
    skipped: 0,
    sessions: 0,
    restarts: 0,
    faults: {} as Record<string, number>,
    violations: 0,
    byInvariant: {} as Record<string, number>,
    /** Summed over the histories (ms): where the time went. */
    ms: { reset: 0, prepare: 0, steps: 0, checks: 0, quiesce: 0, cpu: 0 },
    /** CPU time (ms, all threads of the worker processes) by the same phases, summed over the histories. */
    cpuMs: { reset: 0, prepare: 0, steps: 0, checks: 0, quiesce: 0 },
    /** Histories on a messy QuickBooks company file. */
    messyHistories: 0,
    /** Histories on a multi-currency QuickBooks company file. */
    multiCurrencyHistories: 0,
    /** On those files: exports refused for a foreign-currency vendor, and foreign transactions read converted (at the end of each history). */
    currency: { refused: 0, converted: 0 },
    /** Histories with owner-side steps (issue 21). */
    ownerHistories: 0,
    /**
     * In them, at the end of each history: owner invoice export steps, owner invoices in QuickBooks, payments received /
     * voided / deleted by a QuickBooks user, owner invoices set back or deleted in Procore, Procore payments received
     * the connector made.
     */
    owner: { exportSteps: 0, exported: 0, received: 0, voided: 0, deleted: 0, removedInProcore: 0, procorePayments: 0 },
    /** Creating each worker's world (database, migrations, server), once per worker (ms, summed). */
    worldMs: 0,
    failingSeeds: [] as Array<{ seed: number; invariants: string[]; failedAt: number | null; file?: string; minimalSteps?: number }>,
  };
  const at = new Date().toISOString();
  const summarize = () => {
    const seconds = (performance.now() - started) / 1000;
    return {
      db: args.db,
      workers: args.workers,
      cores: availableParallelism(),
      firstSeed: args.seed,
      historiesAsked: args.histories,
      stepsPerHistory: args.steps,
      messy: args.messy ?? 'per seed',
      multiCurrency: args.multiCurrency ?? 'per seed',
      ownerShare: args.owner ?? 'per seed',
      ...totals,
      seconds: Math.round(seconds),
      /** Wall-clock seconds per history (all workers together). */
      secondsPerHistory: totals.histories > 0 ? Number((seconds / totals.histories).toFixed(2)) : null,
      /** Seconds one worker spends on one history (wall time × workers / histories). */
      workerSecondsPerHistory: totals.histories > 0 ? Number(((seconds * args.workers) / totals.histories).toFixed(2)) : null,
      /** CPU seconds per history (all threads; what other load on the machine does not inflate). */
      cpuSecondsPerHistory: totals.histories > 0 ? Number((totals.ms.cpu / 1000 / totals.histories).toFixed(2)) : null,
      at,
    };
  };
  const files = args.out
    ? [resolve(root, args.out)]
    : [resolve(root, `bench/results/soak-${args.db}-${at.replace(/[:.]/g, '-')}.json`), resolve(root, 'bench/results/soak-latest.json')];
  const save = () => {
    for (const file of files) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(summarize(), null, 2)}\n`);
    }
  };
  const onHistory = (r: HistoryReport) => {
    totals.histories += 1;
    if (r.messy) totals.messyHistories += 1;
    if (r.multiCurrency) totals.multiCurrencyHistories += 1;
    totals.currency.refused += r.figures.currency?.refused ?? 0;
    totals.currency.converted += r.figures.currency?.converted ?? 0;
    if (r.owner) totals.ownerHistories += 1;
    for (const k of Object.keys(totals.owner) as Array<keyof typeof totals.owner>) totals.owner[k] += r.figures.owner?.[k] ?? 0;
    totals.worldMs += r.worldMs ?? 0;
    totals.steps += r.figures.steps;
    totals.skipped += r.figures.skipped;
    totals.sessions += r.figures.sessions;
    totals.restarts += r.figures.restarts;
    for (const [k, n] of Object.entries(r.figures.faults)) totals.faults[k] = (totals.faults[k] ?? 0) + n;
    for (const k of Object.keys(totals.ms) as Array<keyof typeof totals.ms>) totals.ms[k] += r.figures.ms?.[k] ?? 0;
    for (const k of Object.keys(totals.cpuMs) as Array<keyof typeof totals.cpuMs>) totals.cpuMs[k] += r.figures.cpuMs?.[k] ?? 0;
    if (r.violations > 0) {
      totals.violations += 1;
      for (const name of r.invariants) totals.byInvariant[name] = (totals.byInvariant[name] ?? 0) + 1;
      totals.failingSeeds.push({
        seed: r.seed,
        invariants: r.invariants,
        failedAt: r.failedAt,
        ...(r.file && { file: r.file }),
        ...(r.minimalSteps !== undefined && { minimalSteps: r.minimalSteps }),
      });
      process.stdout.write(r.text);
    }
    process.stdout.write(
      `seed ${r.seed}: ${r.figures.steps} steps (${r.figures.skipped} skipped), ${r.figures.sessions} sessions, ${((r.figures.ms?.cpu ?? 0) / 1000).toFixed(2)} CPU-s, ${r.violations === 0 ? 'ok' : `VIOLATION(S) after step ${r.failedAt}`}` +
        ` — ${totals.histories}/${args.histories}, ${totals.violations} failing, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    save();
  };
  // A soak stopped from outside (timeout, Ctrl-C) still leaves its figures.
  const children: Array<import('node:child_process').ChildProcess> = [];
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGTERM');
      save();
      process.stdout.write(`\nstopped by ${signal}\n${JSON.stringify(summarize(), null, 2)}\n`);
      process.exit(totals.violations > 0 ? 1 : 130);
    });
  }

  if (args.workers === 1) await runSeeds(args, seeds, onHistory);
  else {
    const script = fileURLToPath(import.meta.url);
    const passOn = process.argv.slice(2).filter((a, i, all) => a !== '--workers' && all[i - 1] !== '--workers');
    await Promise.all(
      Array.from(
        { length: args.workers },
        (_, index) =>
          new Promise<void>((done, fail) => {
            const child = fork(script, [...passOn, '--worker', `${index}/${args.workers}`], {
              stdio: ['ignore', args.verbose ? 'inherit' : 'ignore', 'inherit', 'ipc'],
            });
            children.push(child);
            child.on('message', (m: { type: string; report: HistoryReport }) => {
              if (m.type === 'history') onHistory(m.report);
            });
            child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker ${index} exited with ${code}`))));
          }),
      ),
    );
  }
  process.stdout.write(`\n${JSON.stringify(summarize(), null, 2)}\n`);
  save();
  process.exitCode = totals.violations > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(2);
});

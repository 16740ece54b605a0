// `pnpm bench:scale`: N simulated companies against 1, 2 and 3 server instances on one PostgreSQL database
// (docs/scale.md). Prints the figures and writes them to bench/results/scale-<timestamp>.json. Figures only: the
// checks (no cross-company data, no duplicates) are reported, and a failed one sets the exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScaleArgs } from './bench-scale-args.ts';
import { checksPassed } from './bench-scale-checks.ts';
import { printScaleReport, scalingRatios } from './bench-scale-report.ts';
import { runScale, type ScaleRunFigures } from './bench-scale-run.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const args = parseScaleArgs(process.argv.slice(2));
  const firstPort = 41_000 + Math.floor(Math.random() * 1000) * 4;
  const runs: ScaleRunFigures[] = [];
  for (const count of args.instances) {
    console.log(
      `scale: ${args.companies} companies × ${args.sessionsPerCompany} sessions, ${args.concurrency || 'all'} at once, on ${count} instance(s) (${args.server})…`,
    );
    const run = await runScale(args, count, firstPort);
    console.log(
      `  ${run.sessionsPerSecond} sessions/s, ${run.jobs.perSecond} jobs/s, outcomes ${JSON.stringify(run.load.outcomes)}, checks ${checksPassed(run.checks) ? 'passed' : 'FAILED'}`,
    );
    if (run.load.refreshesRefused > 0) console.log(`  refreshes refused: ${run.load.refreshesRefused}, e.g. ${JSON.stringify(run.load.refreshFailures[0])}`);
    if (run.load.failures.length > 0) console.log(`  not completed: ${JSON.stringify(run.load.failures.slice(0, 3))}`);
    if (run.checks.examples.length > 0) console.log(`  check examples: ${run.checks.examples.slice(0, 3).join('; ')}`);
    runs.push(run);
  }
  printScaleReport(runs);
  const results = path.join(here, 'results');
  mkdirSync(results, { recursive: true });
  const file = path.join(results, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ args, at: new Date().toISOString(), scaling: scalingRatios(runs), runs }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  if (!runs.every((run) => checksPassed(run.checks) && run.load.foreignRequests === 0)) process.exitCode = 1;
}

await main();

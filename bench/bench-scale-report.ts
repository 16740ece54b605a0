// The scale benchmark's printed table: one column per instance count, and the scaling ratio against the first.
import type { ScaleRunFigures } from './bench-scale-run.ts';

export function scalingRatios(runs: ScaleRunFigures[]) {
  const base = runs[0];
  return runs.map((run) => ({
    instances: run.instances,
    sessionsPerSecond: run.sessionsPerSecond,
    ratio: base && base.sessionsPerSecond > 0 ? Math.round((run.sessionsPerSecond / base.sessionsPerSecond) * 100) / 100 : 0,
    jobsPerSecond: run.jobs.perSecond,
  }));
}

export function printScaleReport(runs: ScaleRunFigures[]): void {
  const rows: Array<[string, (run: ScaleRunFigures) => string]> = [
    ['companies', (r) => String(r.companies)],
    ['sessions (completed/all)', (r) => `${r.load.outcomes.completed ?? 0}/${r.load.sessions}`],
    ['sessions in flight', (r) => String(r.concurrency || 'all')],
    ['load wall s', (r) => (r.load.wallMs / 1000).toFixed(1)],
    ['sessions/s', (r) => r.sessionsPerSecond.toFixed(2)],
    ['scaling vs first', (r) => (r.sessionsPerSecond / runs[0]!.sessionsPerSecond).toFixed(2) + '×'],
    ['jobs done (jobs/s)', (r) => `${r.jobs.done} (${r.jobs.perSecond.toFixed(2)})`],
    ['session p50/p95 ms', (r) => `${r.load.sessionDuration.p50Ms.toFixed(0)}/${r.load.sessionDuration.p95Ms.toFixed(0)}`],
    ...['authenticate', 'sendRequestXML', 'receiveResponseXML', 'closeConnection', 'api POST imports/refresh'].map(
      (method) =>
        [
          `${method} p50/p95/p99 ms`,
          (r: ScaleRunFigures) => {
            const l = r.load.latency[method];
            return l ? `${l.p50Ms.toFixed(0)}/${l.p95Ms.toFixed(0)}/${l.p99Ms.toFixed(0)}` : '-';
          },
        ] as [string, (run: ScaleRunFigures) => string],
    ),
    ['server errors (P2028 tx wait)', (r) => r.instanceFigures.map((i) => `${i.errors} (${i.transactionStartTimeouts})`).join(' + ')],
    ['instances CPU cores (each)', (r) => r.instanceFigures.map((i) => i.cores.toFixed(2)).join(' + ')],
    ['instances peak RSS MB', (r) => r.instanceFigures.map((i) => i.peakRssMb).join(' / ')],
    ['harness CPU cores (QB sims ms)', (r) => `${r.harness.cores.toFixed(2)} (${r.harness.quickbooksSimulatorsCpuMs})`],
    ['PostgreSQL bench backends cores', (r) => r.postgres.benchBackendsCores.toFixed(2)],
    ['PostgreSQL connections peak/mean', (r) => `${r.postgres.connectionsPeak}/${r.postgres.connectionsMean}`],
    ['  active / idle in transaction, mean', (r) => `${r.postgres.activeMean} / ${r.postgres.idleInTransactionMean}`],
    ['CPU ms/session inst/pg/harness', (r) => `${r.cpuPerSessionMs.instances}/${r.cpuPerSessionMs.postgres}/${r.cpuPerSessionMs.harness}`],
    ['machine busy cores (of 2)', (r) => `${r.machine.busyCores.toFixed(2)} (load ${r.machine.loadAverage1m})`],
    [
      'cross-company / duplicates',
      (r) =>
        `${r.checks.crossCompanyReads + r.checks.foreignVendorsInFiles + r.checks.foreignCustomersInFiles + r.load.foreignRequests} / ${r.checks.duplicatesInFiles + r.checks.duplicatesInCopies}`,
    ],
    ['exports not yet in their file (queued)', (r) => String(r.checks.exportsMissing)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${'instances'.padEnd(width)}  ${runs.map((r) => String(r.instances).padStart(22)).join('')}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${runs.map((r) => value(r).padStart(22)).join('')}`);
}

// pnpm bench: prints figures and writes them to bench/results/. Targets are read by people, not
// asserted: no benchmark here fails a build.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchProcore } from './bench-procore.ts';
import { benchReadSync } from './bench-read-sync.ts';
import { benchRoundTrips } from './bench-round-trips.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
};

function parseBench(bytes: number) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'parse-child.ts'), String(bytes)], { encoding: 'utf8' });
  return JSON.parse(out) as { bytes: number; bills: number; ms: number; peakRss: number; peakRssIncrease: number };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

console.log('qbXML response parse (fresh process each):');
const parses = [];
for (let i = 0; i < 3; i += 1) parses.push(parseBench(5 * 1024 * 1024));
const best = parses.reduce((a, b) => (a.ms < b.ms ? a : b));
const median = [...parses].sort((a, b) => a.ms - b.ms)[1]!;
console.log(`  ${mb(best.bytes)} BillQueryRs, ${best.bills} bills × 4 lines: median ${median.ms.toFixed(0)} ms (best ${best.ms.toFixed(0)} ms), peak RSS ${mb(median.peakRss)} (+${mb(median.peakRssIncrease)} during parse)`);
results.parse5MB = { runs: parses, medianMs: median.ms, peakRssBytes: median.peakRss, peakRssIncreaseBytes: median.peakRssIncrease };

for (const database of ['pglite', 'postgres'] as const) {
  const figures = await benchRoundTrips(database);
  if (!figures) {
    console.log(`QBWC round trips on ${database}: skipped (no server answered)`);
    continue;
  }
  console.log(`QBWC round trips on ${database} (${figures.requests} VendorAdd requests, batch ${figures.batchSize}, ${figures.roundTrips} round trips, server in-process):`);
  console.log(`  sendRequestXML    median ${figures.send.median.toFixed(1)} ms  p95 ${figures.send.p95.toFixed(1)} ms`);
  console.log(`  receiveResponseXML median ${figures.receive.median.toFixed(1)} ms  p95 ${figures.receive.p95.toFixed(1)} ms`);
  console.log(`  round trip        median ${figures.roundTrip.median.toFixed(1)} ms  p95 ${figures.roundTrip.p95.toFixed(1)} ms  (${(figures.roundTrip.median / figures.batchSize).toFixed(2)} ms per request)`);
  results[`roundTrips_${database}`] = figures;
}

const procore = await benchProcore();
console.log(`Procore API calls per synced record (simulator limits ${procore.limits.hourly}/hour, ${procore.limits.tenSecond} per 10 s; sync chunks of 1000, reads per_page 1000):`);
for (const r of procore.resources) {
  console.log(`  ${r.resource.padEnd(20)} ${String(r.records).padStart(5)} records: ${r.writeCalls} sync + ${r.readCalls} read calls = ${r.callsPerRecord.toFixed(4)} calls/record (${r.wallMs.toFixed(0)} ms)`);
}
const v = procore.vendors10k;
console.log(`  10,000-vendor upsert: ${v.calls} calls, ${(v.wallMs / 1000).toFixed(2)} s wall, ${v.recordsPerSecond} records/s, ${v.rateLimited} × 429, ${v.limiterWaits} limiter waits`);
results.procore = procore;

const sizes = {
  vendors: Number(process.env.BENCH_VENDORS ?? 5000),
  jobs: Number(process.env.BENCH_JOBS ?? 500),
  items: Number(process.env.BENCH_ITEMS ?? 200),
  bills: Number(process.env.BENCH_BILLS ?? 20000),
};
const readSync = await benchReadSync(sizes);
if (readSync) {
  console.log(`Full read sync of a generated company file (server as its own process on PostgreSQL, simulator without XSD checks):`);
  console.log(`  ${sizes.vendors} vendors, ${sizes.jobs} jobs, ${sizes.items} items, ${sizes.bills} bills (${readSync.billLines} lines): ${readSync.records} records`);
  console.log(`  ${readSync.qbxmlMessages} qbXML round trips (${readSync.soapCalls} SOAP calls), ${mb(readSync.bytesFromQuickBooks)} from QuickBooks, ${(readSync.durationMs / 1000).toFixed(1)} s`);
  console.log(`  ${readSync.recordsPerSecond} records/s; server peak RSS ${mb(readSync.serverPeakRssBytes)} (at start ${mb(readSync.serverRssAtStartBytes)})`);
  console.log(`  status line: ${readSync.statusLine}`);
  results.readSync = readSync;
} else {
  console.log('Full read sync: skipped (needs PostgreSQL for a separate server process)');
}

const dir = path.join(here, 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${results.at as string}.json`.replace(/:/g, '-'));
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
process.exit(0);

// pnpm bench: prints figures and writes them to bench/results/. Targets are read by people, not
// asserted: no benchmark here fails a build.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchExport } from './bench-export.ts';
import { benchHostileBodies } from './bench-hostile-bodies.ts';
import { benchImport } from './bench-import.ts';
import { benchOwnerInvoiceExport, printOwnerInvoiceExport } from './bench-owner-invoice-export.ts';
import { benchPeer, benchSeries, peerResults, printPeer, printSeries, type PeerFigures } from './bench-peer-quickbooks-js.ts';
import { benchProcore } from './bench-procore.ts';
import { benchQboExport, printQboExport } from './bench-qbo-export.ts';
import { benchReadSync } from './bench-read-sync.ts';
import { benchRoundTrips } from './bench-round-trips.ts';
import { benchSimulators } from './bench-simulators.ts';

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

// BENCH_ONLY=roundTrips,readSync runs just those scenarios (comparing before/after a change back to back); default all.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const runs = (
  scenario: 'parse' | 'roundTrips' | 'procore' | 'simulators' | 'readSync' | 'export' | 'ownerInvoice' | 'qboExport' | 'import' | 'hostile' | 'peer' | 'series',
) => !only || only.has(scenario);

if (runs('parse')) {
  console.log('qbXML response parse (fresh process each):');
  const parses = [];
  for (let i = 0; i < 3; i += 1) parses.push(parseBench(5 * 1024 * 1024));
  const best = parses.reduce((a, b) => (a.ms < b.ms ? a : b));
  const median = [...parses].sort((a, b) => a.ms - b.ms)[1]!;
  console.log(
    `  ${mb(best.bytes)} BillQueryRs, ${best.bills} bills × 4 lines: median ${median.ms.toFixed(0)} ms (best ${best.ms.toFixed(0)} ms), peak RSS ${mb(median.peakRss)} (+${mb(median.peakRssIncrease)} during parse)`,
  );
  results.parse5MB = { runs: parses, medianMs: median.ms, peakRssBytes: median.peakRss, peakRssIncreaseBytes: median.peakRssIncrease };
}

if (runs('roundTrips')) {
  for (const database of ['pglite', 'postgres'] as const) {
    const figures = await benchRoundTrips(database);
    if (!figures) {
      console.log(`QBWC round trips on ${database}: skipped (no server answered)`);
      continue;
    }
    console.log(
      `QBWC round trips on ${database} (${figures.requests} VendorAdd requests, batch ${figures.batchSize}, ${figures.roundTrips} round trips, server in-process):`,
    );
    console.log(`  sendRequestXML    median ${figures.send.median.toFixed(1)} ms  p95 ${figures.send.p95.toFixed(1)} ms`);
    console.log(`  receiveResponseXML median ${figures.receive.median.toFixed(1)} ms  p95 ${figures.receive.p95.toFixed(1)} ms`);
    console.log(
      `  round trip        median ${figures.roundTrip.median.toFixed(1)} ms  p95 ${figures.roundTrip.p95.toFixed(1)} ms  (${(figures.roundTrip.median / figures.batchSize).toFixed(2)} ms per request)`,
    );
    console.log(
      `  CPU of this process (server in-process${database === 'pglite' ? ' + PGlite' : ', PostgreSQL not counted'}): ${figures.cpuMs} ms = ${figures.cpuPerWriteMs.toFixed(2)} ms per write${figures.sqlStatementsPerWrite === null ? '' : `, ${figures.sqlStatementsPerWrite} SQL statements per write`}`,
    );
    results[`roundTrips_${database}`] = figures;
  }
}

if (runs('procore')) {
  const procore = await benchProcore();
  console.log(
    `Procore API calls per synced record (simulator limits ${procore.limits.hourly}/hour, ${procore.limits.tenSecond} per 10 s; sync chunks of 1000, reads per_page 1000):`,
  );
  for (const r of procore.resources) {
    console.log(
      `  ${r.resource.padEnd(20)} ${String(r.records).padStart(5)} records: ${r.writeCalls} sync + ${r.readCalls} read calls = ${r.callsPerRecord.toFixed(4)} calls/record (${r.wallMs.toFixed(0)} ms)`,
    );
  }
  const v = procore.vendors10k;
  console.log(
    `  10,000-vendor upsert: ${v.calls} calls, ${(v.wallMs / 1000).toFixed(2)} s wall, ${v.recordsPerSecond} records/s, ${v.rateLimited} × 429, ${v.limiterWaits} limiter waits`,
  );
  results.procore = procore;
}

if (runs('simulators')) {
  const sims = await benchSimulators();
  console.log('Simulators (their own time, so a sync can be split between them and the connector):');
  console.log(
    `  Procore: generate 10,000 vendors ${sims.procoreGenerate10kVendorsMs.toFixed(0)} ms; vendors/sync 10 × 1000: slowest ${sims.procoreSync10x1000.slowestMs.toFixed(0)} ms, mean ${sims.procoreSync10x1000.meanMs.toFixed(0)} ms; a page of 1000 from 10,010: ${sims.procorePage1000Ms.toFixed(0)} ms`,
  );
  console.log(
    `  QuickBooks: generate 100,000 bills ${sims.quickbooksGenerate100kBillsMs.toFixed(0)} ms; BillQuery in ${sims.quickbooksBillPages.pages} pages of 1000: first ${sims.quickbooksBillPages.firstMs.toFixed(0)} ms, last ${sims.quickbooksBillPages.lastMs.toFixed(0)} ms, mean ${sims.quickbooksBillPages.meanMs.toFixed(0)} ms (no XSD check); QuickBooks itself would take ~${(sims.quickbooksBillPages.modelledQuickBooksMs / 1000).toFixed(0)} s for them (modelled)`,
  );
  results.simulators = sims;
}

if (runs('readSync')) {
  const sizes = {
    vendors: Number(process.env.BENCH_VENDORS ?? 5000),
    jobs: Number(process.env.BENCH_JOBS ?? 500),
    items: Number(process.env.BENCH_ITEMS ?? 200),
    bills: Number(process.env.BENCH_BILLS ?? 20000),
  };
  const readSync = await benchReadSync(sizes);
  if (readSync) {
    console.log(
      `Full read sync of a generated company file (server as its own process on ${readSync.database === 'pglite' ? 'PGlite' : 'PostgreSQL'}, simulator without XSD checks):`,
    );
    console.log(
      `  ${sizes.vendors} vendors, ${sizes.jobs} jobs, ${sizes.items} items, ${sizes.bills} bills (${readSync.billLines} lines): ${readSync.records} records`,
    );
    console.log(
      `  ${readSync.qbxmlMessages} qbXML round trips (${readSync.soapCalls} SOAP calls), ${mb(readSync.bytesFromQuickBooks)} from QuickBooks, ${(readSync.durationMs / 1000).toFixed(1)} s`,
    );
    const qbShare = readSync.modelledQuickBooksMs / (readSync.modelledQuickBooksMs + readSync.durationMs);
    console.log(
      `  + QuickBooks' own time (modelled: ${readSync.quickBooksTimeModel.perRequestMs} ms a request, ${readSync.quickBooksTimeModel.perRecordMs} ms a record) ${(readSync.modelledQuickBooksMs / 1000).toFixed(1)} s → QuickBooks ${(qbShare * 100).toFixed(0)} % of the sync, the connector ${((1 - qbShare) * 100).toFixed(0)} %`,
    );
    console.log(
      `  ${readSync.recordsPerSecond} records/s; server peak RSS ${mb(readSync.serverPeakRssBytes)} (at start ${mb(readSync.serverRssAtStartBytes)})`,
    );
    console.log(
      `  server process CPU ${(readSync.serverCpuMs / 1000).toFixed(1)} s (user ${(readSync.serverUserCpuMs / 1000).toFixed(1)} s, system ${(readSync.serverSystemCpuMs / 1000).toFixed(1)} s) = ${readSync.serverCpuPerRecordUs} µs per record${readSync.postgresCpuMs === null ? ' (PGlite inside it)' : `; + PostgreSQL backends ${(readSync.postgresCpuMs / 1000).toFixed(1)} s = ${readSync.serverAndDatabaseCpuPerRecordUs} µs per record`}; largest qbXML answer ${mb(readSync.largestMessageBytes)}, peak − start RSS = ${readSync.peakAboveRestOverLargestMessage} × it`,
    );
    const el = readSync.eventLoopDelay;
    console.log(`  server event-loop delay during the session: p50 ${el.p50Ms} ms, p99 ${el.p99Ms} ms, max ${el.maxMs} ms (${el.samples} samples)`);
    console.log(
      `  of which the server's own: the main thread's CPU time between two 10 ms ticks at most ${el.maxStallCpuMs} ms (that tick ${el.maxStallCpuLateMs} ms late); the longest stall ${el.longestStallMs} ms had ${el.longestStallCpuMs} ms of it; stalls over 50 ms: ${el.stallsOver50Ms}, with over 50 ms of the main thread's CPU: ${el.stallsOver50MsOnCpu}`,
    );
    console.log(`  status line: ${readSync.statusLine}`);
    // One line per query of the refresh: each list read once (bench-read-sync.ts stops the bench otherwise).
    const perQuery = readSync.reads.map((r) => `${r.kind} ${r.records.toLocaleString('en-US')} records in ${r.messages} message(s)`);
    console.log(`  reads (the server's refresh of jobs, vendors, items, job costs): ${perQuery.join(', ')}`);
    results.readSync = readSync;
  } else {
    console.log('Full read sync: skipped (needs PostgreSQL for a separate server process)');
  }
}

if (runs('export')) {
  for (const database of ['pglite', 'postgres'] as const) {
    const e = await benchExport(database);
    if (!e) {
      console.log(`Export of 1,000 commitments on ${database}: skipped (no server answered)`);
      continue;
    }
    const deps = Object.entries(e.dependencyRecords)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    const qb = e.quickbooks;
    const dup = qb.duplicateNames;
    console.log(
      `Export of ${e.commitments} commitments (${e.commitmentLines} lines) to QuickBooks on ${database} (QBWC batch ${e.batchSize}; seed ${e.seed.projects} projects × ${e.seed.commitmentsPerProject} commitments, ${e.seed.vendors} vendors):`,
    );
    console.log(
      `  records: ${e.commitments} commitments + dependencies ${deps} = ${e.totalRecords}; all synced: ${e.allSynced ? 'yes' : `NO (${e.notSynced.length} not synced)`}`,
    );
    for (const r of e.notSynced.slice(0, 20))
      console.log(`    NOT SYNCED ${r.recordType} ${r.procoreId}: ${r.status} ${r.errorCode ?? ''} ${r.errorMessage ?? ''}`);
    if (e.notSynced.length > 20) console.log(`    … and ${e.notSynced.length - 20} more (all in the results file)`);
    console.log(
      `  QuickBooks: +${qb.vendorsAdded} vendors, +${qb.customersAdded} customers, +${qb.jobsAdded} jobs, +${qb.itemsAdded} items, ${qb.purchaseOrders} purchase orders (${qb.purchaseOrderLines} lines); duplicate names: vendors ${dup.vendors}, customers/jobs ${dup.customers}, items ${dup.items}; one PO per commitment: ${qb.purchaseOrdersOk ? 'yes' : 'NO'}`,
    );
    console.log(
      `  QBWC: ${e.qbwc.sessions} sessions (${Object.entries(e.qbwc.outcomes)
        .map(([o, n]) => `${n} ${o}`)
        .join(
          ', ',
        )}), ${e.qbwc.roundTrips} SOAP round trips, ${e.qbwc.requestsSent} qbXML messages, ${mb(e.qbwc.bytesSent)} sent / ${mb(e.qbwc.bytesReceived)} received`,
    );
    console.log(
      `  wall ${(e.wallMs / 1000).toFixed(1)} s from approval to all synced: ${e.recordsPerSecond} records/s (${e.commitmentsPerSecond} commitments/s)`,
    );
    for (const p of e.phases) {
      const pg = p.postgresCpuMs === null ? '' : ` + ${(p.postgresCpuMs / 1000).toFixed(1).padStart(5)} s PostgreSQL CPU`;
      console.log(`    ${p.phase.padEnd(52)} ${(p.wallMs / 1000).toFixed(1).padStart(6)} s wall ${(p.cpuMs / 1000).toFixed(1).padStart(6)} s CPU${pg}`);
    }
    const slice = (s: (typeof e.prepareSlices)[number]) =>
      `${(s.cpuMs / s.jobs).toFixed(1)} ms CPU${s.postgresCpuMs === null ? '' : ` + ${(s.postgresCpuMs / s.jobs).toFixed(1)} ms PostgreSQL`} per job`;
    if (e.prepareSlices.length > 1)
      console.log(
        `    export.prepare per job, first 100: ${slice(e.prepareSlices[0]!)}; last ${e.prepareSlices.at(-1)!.jobs}: ${slice(e.prepareSlices.at(-1)!)}`,
      );
    if (e.postgresTableScans)
      console.log(
        `    PostgreSQL tables scanned most: ${e.postgresTableScans
          .slice(0, 3)
          .map((t) => `${t.table} ${t.indexScans} index scans, ${t.seqRowsRead} rows by seq scan`)
          .join('; ')}`,
      );
    const c = e.cpu;
    console.log(`  CPU (${c.note}):`);
    console.log(
      `    whole process ${(c.processTotal.totalMs / 1000).toFixed(1)} s = ${c.processPerRecordMs.toFixed(1)} ms/record, ${c.processPerCommitmentMs.toFixed(1)} ms/commitment`,
    );
    console.log(
      `    of which QuickBooks simulator ${(c.quickbooksSimulatorMs / 1000).toFixed(1)} s (${c.quickbooksProcessRequestCalls} ProcessRequest calls), Procore simulator ≈ ${(c.procoreSimulatorMs / 1000).toFixed(1)} s (${c.procoreSimulatorNote})`,
    );
    if (c.postgresServerMs !== null) console.log(`    plus PostgreSQL server processes ${(c.postgresServerMs / 1000).toFixed(1)} s (local, from /proc)`);
    else if (database === 'postgres') console.log('    PostgreSQL server CPU: not measured (not on this machine or /proc unreadable)');
    console.log(
      `    server estimate (process − simulators${c.postgresServerMs !== null ? ' + PostgreSQL' : ''}; includes the small QBWC client): ${(c.serverEstimateMs / 1000).toFixed(1)} s = ${c.serverEstimatePerRecordMs.toFixed(1)} ms/record, ${c.serverEstimatePerCommitmentMs.toFixed(1)} ms/commitment`,
    );
    console.log(`    (sending to accounting, before approval: ${(c.sendPhaseMs / 1000).toFixed(1)} s CPU, not included)`);
    const pc = e.procore;
    console.log(
      `  Procore: ${pc.totalCalls} API calls = ${pc.callsPerCommitment.toFixed(2)} per commitment, ${pc.callsPerRecord.toFixed(2)} per record; ${pc.rateLimited} × 429; peak ${pc.peakRequestsPer10s} per 10 s (limits raised to ${pc.rateLimits.tenSecond} per 10 s in the simulator and the server)`,
    );
    for (const [route, n] of Object.entries(pc.byRoute).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${route}`);
    results[`export1000_${database}`] = e;
  }
}

// Issue 21: approved owner invoices (payment applications) to QuickBooks invoices; BENCH_OWNER_INVOICES=250,1000 the sizes.
if (runs('qboExport')) {
  // One database: the figures are about QuickBooks Online's API and throttle (PostgreSQL when it answers, else PGlite).
  const qbo = (await benchQboExport('postgres')) ?? (await benchQboExport('pglite'));
  if (qbo) {
    printQboExport(qbo);
    results.qboExport = qbo;
  }
}

if (runs('ownerInvoice')) {
  const sizes = (process.env.BENCH_OWNER_INVOICES ?? '250,1000').split(',').map(Number);
  for (const size of sizes) {
    for (const database of ['pglite', 'postgres'] as const) {
      const e = await benchOwnerInvoiceExport(database, size);
      if (!e) {
        console.log(`Export of ${size} owner invoices on ${database}: skipped (no server answered)`);
        continue;
      }
      for (const line of printOwnerInvoiceExport(e)) console.log(line);
      results[`ownerInvoiceExport${size}_${database}`] = e;
    }
  }
}

// Update Job Costs: ~100,000 QuickBooks transaction lines, full then incremental (QuickBooks to Procore).
if (runs('import')) {
  for (const database of ['pglite', 'postgres'] as const) {
    const f = await benchImport(database);
    console.log(`\nUpdate Job Costs, ${f.transactions} transactions with ${f.lines} lines (${database}):`);
    for (const [name, p] of [
      ['full', f.full],
      ['incremental', f.incremental],
    ] as const) {
      console.log(
        `  ${name}${name === 'incremental' ? ` (${f.incremental.edited} transactions edited)` : ''}: ${(p.wallMs / 1000).toFixed(1)} s, ${p.sessions} sessions, ${p.roundTrips} QBWC round trips, ${(p.bytesSent / 1e6).toFixed(1)} MB of QuickBooks answers; ${p.transactionsWritten} transactions (${p.linesWritten} lines) written, ${p.recordsPerSecond.toFixed(0)} transactions/s, ${p.linesPerSecond.toFixed(0)} lines/s; ${p.procoreCalls} Procore calls; peak RSS ${p.peakRssMb.toFixed(0)} MB (server and both simulators in one process)`,
      );
      for (const [phase, x] of [
        ['read (QBWC sessions)', p.read],
        ['push (job drains)', p.push],
      ] as const)
        console.log(
          `    ${phase}: ${(x.wallMs / 1000).toFixed(1)} s wall, ${(x.cpuMs / 1000).toFixed(1)} s CPU of this process (QuickBooks simulator ${(x.qbSimulatorCpuMs / 1000).toFixed(1)} s, Procore simulator ≈ ${(x.procoreSimulatorCpuMs / 1000).toFixed(1)} s of it); peak RSS ${x.peakRssMb.toFixed(0)} MB, V8 heap ${x.peakHeapUsedMb.toFixed(0)} MB, outside the heap ${x.peakExternalMb.toFixed(0)} MB${x.peakLiveHeapMb === undefined ? '' : `, live V8 heap (after a full GC) at most ${x.peakLiveHeapMb.toFixed(0)} MB`}`,
        );
      console.log(
        `    database ${p.databaseSizeMb.toFixed(0)} MB after the pass, ${p.walWrittenMb.toFixed(0)} MB of write-ahead log written${database === 'pglite' ? ' (both in this process)' : ''}; settled (after a full GC) before → after: RSS ${p.settledBefore.rssMb.toFixed(0)} → ${p.settledAfter.rssMb.toFixed(0)} MB, V8 heap ${p.settledBefore.heapUsedMb.toFixed(0)} → ${p.settledAfter.heapUsedMb.toFixed(0)} MB, outside the heap ${p.settledBefore.externalMb.toFixed(0)} → ${p.settledAfter.externalMb.toFixed(0)} MB`,
      );
      for (const [route, n] of Object.entries(p.procoreByRoute).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${route}`);
    }
    const m = f.memory;
    console.log(
      `  this process before the passes (settled): RSS ${m.atSetup.rssMb.toFixed(0)} MB with the server, its database and the Procore simulator; ${m.withCompanyFile.rssMb.toFixed(0)} MB (V8 heap ${m.atSetup.heapUsedMb.toFixed(0)} → ${m.withCompanyFile.heapUsedMb.toFixed(0)} MB) once the QuickBooks simulator holds the generated company file`,
    );
    results[`import100k_${database}`] = f;
  }
}

// Issue 16: what large bodies with a made-up ticket cost the server (and one live 65 MB answer).
if (runs('hostile')) {
  const hostile = await benchHostileBodies();
  console.log(`\nLarge request bodies against the server as its own process (${hostile.database}), /healthz called back to back:`);
  for (const s of hostile.scenarios) {
    console.log(
      `  ${s.scenario.padEnd(10)} server CPU ${(s.serverCpuMs / 1000).toFixed(2)} s; /healthz p99 ${s.healthz.p99Ms} ms, longest ${s.healthz.maxMs} ms (${s.healthz.calls} calls, ${s.healthz.failed} failed); peak RSS ${mb(s.peakRssBytes)} (${mb(s.rssAtStartBytes)} at start)`,
    );
  }
  results.hostileBodies = hostile;
}

// Issue 19: this server against quickbooks-js 1.0.0 (same Web Connector client and company file), and how the
// figures grow with the number of writes and of bills read (bench-peer-quickbooks-js.ts).
let peerFigures: PeerFigures | undefined;
if (runs('peer')) {
  const sizes = {
    vendors: Number(process.env.BENCH_VENDORS ?? 5000),
    jobs: Number(process.env.BENCH_JOBS ?? 500),
    items: Number(process.env.BENCH_ITEMS ?? 200),
    bills: Number(process.env.BENCH_BILLS ?? 20000),
  };
  peerFigures = await benchPeer(sizes, Number(process.env.BENCH_PEER_WRITES ?? 1000));
  console.log('');
  for (const line of printPeer(peerFigures)) console.log(line);
  results.peerQuickbooksJs = peerResults(peerFigures);
}
if (runs('series')) {
  const counts = (name: string, fallback: number[]) => (process.env[name] ? process.env[name].split(',').map(Number) : fallback);
  const series = await benchSeries(
    counts('BENCH_SERIES_WRITES', [250, 1000, 4000]),
    counts('BENCH_SERIES_BILLS', [2500, 10_000, 40_000]),
    { vendors: 500, jobs: 50, items: 50 },
    { writes: peerFigures?.writes },
  );
  for (const line of printSeries(series)) console.log(line);
  results.peerSeries = peerResults(series);
}

const dir = path.join(here, 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${results.at as string}.json`.replace(/:/g, '-'));
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
process.exit(0);

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@connector/db';
import { createTestDatabase, isPostgresReachable } from '@connector/db/testing';
import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession } from '@connector/qbwc-client';
import { createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function peakRssOf(pid: number): number {
  // VmHWM: the process's peak resident set size (Linux /proc).
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) * 1024;
}

function cpuMsOf(pid: number): number {
  // utime + stime (proc(5) fields 14 and 15, in clock ticks of 1/100 s on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) * 10;
}

interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  samples: number;
  resolutionMs: number;
}

/**
 * A full read sync of a large generated company file: the server runs as its own process on
 * PostgreSQL (so its peak memory is its own), the Web Connector client and the QuickBooks simulator
 * run here. Every list and transaction is read through iterators.
 */
export async function benchReadSync(sizes: { vendors: number; jobs: number; items: number; bills: number }) {
  if (!(await isPostgresReachable())) return null;
  const scratch = await createTestDatabase('postgres');
  const db = scratch.database;
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const company = await createCompany(db, { procoreCompanyId: '1', name: 'Bench Read Co', actor: 'bench' });
  const { connection, password } = await setQbwcCredentials(db, { companyId: company.id, actor: 'bench' });

  const generatedAt = Date.now();
  const file = generateCompanyFile({
    seed: 2026,
    vendors: sizes.vendors,
    jobs: sizes.jobs,
    customers: Math.ceil(sizes.jobs / 5),
    items: sizes.items,
    classes: 8,
    bills: sizes.bills,
    checks: 0,
    creditCardCharges: 0,
    paidBillRatio: 0,
  });
  const generateMs = Date.now() - generatedAt;
  // XSD validation off: this measures the connector, not the simulator's schema checks.
  // QuickBooks' own time is modelled and counted but not waited (processing-time.ts): durationMs is the connector's
  // (and the simulator's) time, modelledQuickBooksMs what QuickBooks would add, so a real sync ≈ their sum.
  const simulator = new QuickBooksSimulator({ company: file, validateXsd: false, processingTime: DEFAULT_PROCESSING_TIME, sleep: async () => {} });
  const ownerId = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';
  simulator.ensureFileId(ownerId, connection.fileId);

  const reads = [
    { type: 'VendorQuery', iterator: 'Start', maxReturned: 500 },
    { type: 'CustomerQuery', iterator: 'Start', maxReturned: 500 },
    { type: 'ItemQuery', iterator: 'Start', maxReturned: 500 },
    { type: 'BillQuery', iterator: 'Start', maxReturned: 500, includeLineItems: true },
  ] as const;
  for (const request of reads) {
    await enqueueRequest(db, { companyId: company.id, request: { ...request }, dedupeKey: `bench:${request.type}`, requestedBy: 'bench' });
  }

  // The event-loop delay histogram is kept by a probe preloaded into the server (event-loop-probe.mjs).
  // BENCH_CPU_PROF_DIR: the server also writes a V8 CPU profile there (node --cpu-prof) to see where the time goes.
  const eventLoopFile = path.join(os.tmpdir(), `bench-event-loop-${process.pid}-${port}.json`);
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const serverArgs = [...profile, '--import', 'tsx', '--import', path.join(root, 'bench/event-loop-probe.mjs'), path.join(root, 'apps/server/src/main.ts')];
  const server = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      QBWC_OWNER_ID: ownerId,
      BENCH_EVENT_LOOP_FILE: eventLoopFile,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`);
        break;
      } catch {
        if (i > 200) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const rssAtStart = peakRssOf(server.pid!);
    server.kill('SIGUSR2'); // the probe starts its histogram afresh: start-up is not a QBWC call
    const cpuAtStart = cpuMsOf(server.pid!);
    const started = Date.now();
    const report = await runWebConnectorSession({
      url: `http://localhost:${port}/qbwc`,
      username: connection.username,
      password,
      processor: simulator,
      noOpDelayMs: 100,
    });
    const ms = Date.now() - started;
    const peak = peakRssOf(server.pid!);
    const serverCpuMs = cpuMsOf(server.pid!) - cpuAtStart;
    if (report.outcome !== 'completed') throw new Error(`session ended ${report.outcome}: ${report.statusLine} ${report.errors.join('; ')}`);
    const check = await openDatabase({ databaseUrl: scratch.url, migrate: false });
    const rows = await check.prisma.queuedRequest.findMany({ where: { companyId: company.id } });
    await check.close();
    const records = rows.reduce((sum, r) => sum + r.recordsReceived, 0);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const eventLoopDelay = JSON.parse(readFileSync(eventLoopFile, 'utf8')) as EventLoopDelay;
    const lines = file.bills.reduce((sum, b) => sum + b.itemLines.length + b.expenseLines.length, 0);
    return {
      sizes,
      billLines: lines,
      generateMs,
      records,
      soapCalls: report.roundTrips,
      qbxmlMessages: report.requestsSent,
      bytesFromQuickBooks: report.bytesSent,
      durationMs: ms,
      modelledQuickBooksMs: simulator.processingTotals.modelledMs,
      quickBooksTimeModel: DEFAULT_PROCESSING_TIME,
      recordsPerSecond: Math.round((records / ms) * 1000),
      serverRssAtStartBytes: rssAtStart,
      serverPeakRssBytes: peak,
      // The server process only (node: parse, apply, store); PostgreSQL's own CPU is not in it.
      serverCpuMs,
      serverCpuPerRecordUs: Math.round((serverCpuMs / Math.max(records, 1)) * 1000),
      statusLine: report.statusLine,
      eventLoopDelay,
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await scratch.dispose();
  }
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@connector/db';
import { createTestDatabase, isPostgresReachable } from '@connector/db/testing';
import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession } from '@connector/qbwc-client';
import { createCompany, queueRefresh, REFRESH_KINDS, setQbwcCredentials } from '@connector/sync';

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

  // The reads are the server's own refresh (queue-refresh.ts), as the schedule queues it in production: jobs,
  // vendors, items (with accounts and classes) and job costs. The bench once queued VendorQuery, CustomerQuery,
  // ItemQuery and BillQuery of its own on top, and the server's schedule queued its refresh at start-up as well, so
  // every list was read twice in the session (status line "40,000 bills" for a file of 20,000). Queued here, the
  // schedule's first run finds each refresh already asked for (its requested_at cursor) and queues nothing more.
  for (const kind of REFRESH_KINDS) {
    await queueRefresh(db, { companyId: company.id, kind, actor: 'bench' });
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
    const rows = await check.prisma.queuedRequest.findMany({ where: { companyId: company.id }, orderBy: [{ createdAt: 'asc' }, { dedupeKey: 'asc' }] });
    const messages = await check.prisma.qbwcMessage.findMany({ where: { companyId: company.id }, select: { requestIds: true, requestXml: true } });
    await check.close();
    const records = rows.reduce((sum, r) => sum + r.recordsReceived, 0);
    // Which reads were queued, by whom, and how many qbXML messages (iterator rounds) and records each took: the
    // status line sums every read of the session, so two reads of one list show as twice the file's records.
    const reads = rows.map((r) => {
      const carried = messages.filter((m) => m.requestIds.includes(r.id));
      // The request's own opening tag in each message (its requestID is the queued request's id): Start once, then
      // Continue with QuickBooks' iteratorID — a second Start would be the list read again from the beginning.
      const tags = carried.flatMap((m) => m.requestXml.match(new RegExp(`<\\w+Rq [^>]*requestID="${r.id}"[^>]*>`, 'g')) ?? []);
      return {
        dedupeKey: r.dedupeKey,
        kind: r.kind,
        requestedBy: r.requestedBy,
        status: r.status,
        messages: carried.length,
        iteratorStarts: tags.filter((tag) => tag.includes('iterator="Start"')).length,
        iteratorIds: [...new Set(tags.flatMap((tag) => tag.match(/iteratorID="([^"]+)"/)?.[1] ?? []))],
        records: r.recordsReceived,
      };
    });
    // Each list read once, whole: one queued read per query, as many records as the generated file holds (all of
    // them, active or not: the refresh asks for activeStatus All). A list read twice, or cut short, stops the bench
    // rather than printing a figure that does not say what was read.
    const inFile: Record<string, number> = {
      VendorQuery: file.vendors.length,
      CustomerQuery: file.customers.length,
      ItemQuery: file.items.length,
      AccountQuery: file.accounts.length,
      ClassQuery: file.classes.length,
      BillQuery: file.bills.length,
    };
    const misread = Object.entries(inFile).flatMap(([query, expected]) => {
      const ofQuery = reads.filter((r) => r.kind === query);
      const read = ofQuery.reduce((sum, r) => sum + r.records, 0);
      return ofQuery.length === 1 && ofQuery[0]!.iteratorStarts <= 1 && read === expected
        ? []
        : [`${query}: ${ofQuery.length} reads, ${read} records for ${expected} in the file`];
    });
    if (misread.length > 0) throw new Error(`read sync did not read each list once: ${misread.join('; ')}`);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const eventLoopDelay = JSON.parse(readFileSync(eventLoopFile, 'utf8')) as EventLoopDelay;
    const lines = file.bills.reduce((sum, b) => sum + b.itemLines.length + b.expenseLines.length, 0);
    return {
      sizes,
      billLines: lines,
      generateMs,
      records,
      reads,
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

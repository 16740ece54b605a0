import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '@connector/db';
import { createTestDatabase, isPostgresReachable, type DatabaseKind } from '@connector/db/testing';
import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession } from '@connector/qbwc-client';
import { createCompany, queueRefresh, REFRESH_KINDS, setQbwcCredentials } from '@connector/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function peakRssOf(pid: number): number {
  // VmHWM: the process's peak resident set size (Linux /proc).
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) * 1024;
}

function rssOf(pid: number): number {
  // VmRSS: its resident set size now. At rest before the session; VmHWM then may still hold a start-up peak
  // (PGlite applying migrations), which would hide the session's own.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) * 1024;
}

function cpuOf(pid: number): { userMs: number; systemMs: number } {
  // utime and stime (proc(5) fields 14 and 15, in clock ticks of 1/100 s on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
  return { userMs: Number(after[11]) * 10, systemMs: Number(after[12]) * 10 };
}

function cpuMsOf(pid: number): number {
  const { userMs, systemMs } = cpuOf(pid);
  return userMs + systemMs;
}

/**
 * CPU of the PostgreSQL backends serving `database` (by pid, from pg_stat_activity; same machine). Backends that
 * come and go between two readings are not seen: the server's pool keeps its connections, so these are nearly all.
 */
async function postgresBackendsCpuMs(db: Database, database: string): Promise<Map<number, number>> {
  const rows = await db.prisma.$queryRawUnsafe<{ pid: number }[]>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', database);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuMsOf(pid));
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  samples: number;
  resolutionMs: number;
  /** event-loop-probe.mjs: a 10 ms timer's longest stall and the main thread's own CPU time in it. */
  longestStallMs: number;
  longestStallCpuMs: number;
  /** The most CPU time the main thread spent between two ticks (our longest stretch, code and GC), and that tick's lateness. */
  maxStallCpuMs: number;
  maxStallCpuLateMs: number;
  stallsOver50Ms: number;
  stallsOver50MsOnCpu: number;
}

/**
 * A full read sync of a large generated company file: the server runs as its own process on
 * PostgreSQL, or on PGlite in a data directory of its own (BENCH_READ_DB=pglite), so its peak memory is its own;
 * the Web Connector client and the QuickBooks simulator run here. Every list and transaction is read through
 * iterators.
 */
export async function benchReadSync(
  sizes: { vendors: number; jobs: number; items: number; bills: number },
  kind: DatabaseKind = process.env.BENCH_READ_DB === 'pglite' ? 'pglite' : 'postgres',
) {
  if (kind === 'postgres' && !(await isPostgresReachable())) return null;
  // PGlite: the data directory is the server's; the bench opens it before and after the server, never with it.
  const dataDir = kind === 'pglite' ? mkdtempSync(path.join(os.tmpdir(), 'bench-read-pglite-')) : null;
  const scratch = dataDir ? null : await createTestDatabase('postgres');
  const db = scratch ? scratch.database : await openDatabase({ dataDir: dataDir!, owner: 'bench-read-sync' });
  const openAgain = () =>
    scratch ? openDatabase({ databaseUrl: scratch.url!, migrate: false }) : openDatabase({ dataDir: dataDir!, owner: 'bench-read-sync' });
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
  // The largest single qbXML answer: the memory goal is stated against it (peak ≤ 4 × it above the resting RSS).
  let largestMessageBytes = 0;
  const processRequest = simulator.processRequest.bind(simulator);
  simulator.processRequest = async (requestXml: string) => {
    const answer = await processRequest(requestXml);
    largestMessageBytes = Math.max(largestMessageBytes, Buffer.byteLength(answer));
    return answer;
  };
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
  let benchDbOpen = true;
  if (!scratch) {
    await db.close();
    benchDbOpen = false;
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
      ...(scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', DATA_DIR: dataDir! }),
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
        if (i > 600) throw new Error('server did not start'); // 60 s: start-up (tsx, migrations) on a loaded machine
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const rssAtStart = peakRssOf(server.pid!);
    const restingRss = rssOf(server.pid!);
    // The peak from here on is the session's (proc(5) clear_refs: 5 resets VmHWM to the current RSS); where that
    // is not allowed, VmHWM keeps any start-up peak and the figure below overstates the session's.
    try {
      writeFileSync(`/proc/${server.pid!}/clear_refs`, '5');
    } catch {
      // not permitted here
    }
    server.kill('SIGUSR2'); // the probe starts its histogram afresh: start-up is not a QBWC call
    const cpuAtStart = cpuOf(server.pid!);
    const databaseName = scratch ? new URL(scratch.url!).pathname.slice(1) : null;
    const backendsAtStart = databaseName ? await postgresBackendsCpuMs(db, databaseName) : null;
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
    const cpuAtEnd = cpuOf(server.pid!);
    const serverUserCpuMs = cpuAtEnd.userMs - cpuAtStart.userMs;
    const serverSystemCpuMs = cpuAtEnd.systemMs - cpuAtStart.systemMs;
    const serverCpuMs = serverUserCpuMs + serverSystemCpuMs;
    let postgresCpuMs: number | null = null;
    if (databaseName && backendsAtStart) {
      const atEnd = await postgresBackendsCpuMs(db, databaseName);
      postgresCpuMs = [...atEnd].reduce((sum, [pid, ms]) => sum + ms - (backendsAtStart.get(pid) ?? 0), 0);
    }
    if (report.outcome !== 'completed') throw new Error(`session ended ${report.outcome}: ${report.statusLine} ${report.errors.join('; ')}`);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const check = await openAgain();
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
    const eventLoopDelay = JSON.parse(readFileSync(eventLoopFile, 'utf8')) as EventLoopDelay;
    const lines = file.bills.reduce((sum, b) => sum + b.itemLines.length + b.expenseLines.length, 0);
    const records1 = Math.max(records, 1);
    return {
      database: kind,
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
      largestMessageBytes,
      // The memory goal (issue 19): peak RSS above the resting RSS, in multiples of the largest single answer.
      serverRestingRssBytes: restingRss,
      peakAboveRestOverLargestMessage: Math.round(((peak - restingRss) / Math.max(largestMessageBytes, 1)) * 10) / 10,
      // The server process (node: parse, apply, store; on PGlite the database too), user + system, all its threads.
      serverCpuMs,
      serverUserCpuMs,
      serverSystemCpuMs,
      serverCpuPerRecordUs: Math.round((serverCpuMs / records1) * 1000),
      // PostgreSQL's backends for this database (null on PGlite, which runs inside the server process).
      postgresCpuMs,
      serverAndDatabaseCpuPerRecordUs: Math.round(((serverCpuMs + (postgresCpuMs ?? 0)) / records1) * 1000),
      statusLine: report.statusLine,
      eventLoopDelay,
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (scratch) await scratch.dispose();
    else if (benchDbOpen) await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

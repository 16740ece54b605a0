// Update Job Costs at scale: a generated company file with about 100,000 transaction lines (bills, checks,
// credit card charges; three lines each) read through the Web Connector and pushed to the Procore
// simulator — first in full, then incrementally after 1% of the transactions were edited. The same
// harness as apps/server/test/import-e2e.test.ts. Reports QBWC round trips, records and lines per second,
// peak server memory (RSS of this one process, which also holds both simulators) and Procore calls.
// Figures only: nothing is asserted.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DatabaseKind } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signInAs } from '../apps/server/test/support/sign-in.ts';

// BENCH_IMPORT_SCALE=0.1 runs a tenth of the company file (quick iteration); the default is the 100,000-line run.
const SCALE = Number(process.env.BENCH_IMPORT_SCALE ?? 1);
const TXNS = { bills: Math.round(14_000 * SCALE), checks: Math.round(10_000 * SCALE), creditCardCharges: Math.round(9_400 * SCALE) };
const LINES_PER_TXN = 3;
const BATCH = 10;

export interface ImportPassFigures {
  wallMs: number;
  sessions: number;
  roundTrips: number;
  /** What the server sent the Web Connector (qbXML requests). */
  bytesReceived: number;
  /** What QuickBooks answered (qbXML responses). */
  bytesSent: number;
  transactionsStored: number;
  linesStored: number;
  /** Transactions new or changed in this pass (stored again, attributed and pushed), and their lines. */
  transactionsWritten: number;
  linesWritten: number;
  /** transactionsWritten and linesWritten per second of the pass's wall time. */
  recordsPerSecond: number;
  linesPerSecond: number;
  procoreCalls: number;
  procoreByRoute: Record<string, number>;
  peakRssMb: number;
  /** The Web Connector sessions (QuickBooks read and stored). */
  read: PhaseFigures;
  /** The job drains after each session (the push to Procore). */
  push: PhaseFigures;
  /** pg_database_size after the pass (on PGlite, held in this process). */
  databaseSizeMb: number;
  /** Write-ahead log written during the pass (pg_wal_lsn_diff). */
  walWrittenMb: number;
  /** RSS and V8 heap after a full GC, before and after the pass: does memory return to where it was? */
  settledBefore: SettledMemory;
  settledAfter: SettledMemory;
}

export interface PhaseFigures {
  wallMs: number;
  /** CPU of this whole process in the phase (server, both simulators, the QBWC client). */
  cpuMs: number;
  /** Of which the QuickBooks simulator's ProcessRequest. */
  qbSimulatorCpuMs: number;
  /**
   * PostgreSQL only: CPU of the database's backends in the phase (proc(5) utime + stime of each backend serving the
   * scratch database; same machine), the half of the work a wall time on a loaded machine hides. On PGlite the
   * database is in this process, so in cpuMs.
   */
  postgresCpuMs?: number;
  /** Of which the Procore simulator answering (approximate: from its request listener to res.end). */
  procoreSimulatorCpuMs: number;
  peakRssMb: number;
  /** Peak V8 heap in use, and peak memory outside it (process.memoryUsage().external: Buffers, ArrayBuffers such as PGlite's WebAssembly memory), sampled every 100 ms. */
  peakHeapUsedMb: number;
  peakExternalMb: number;
  /** With BENCH_IMPORT_LIVE_HEAP=1: the largest V8 heap left after a full GC (every 2 s), i.e. what is really held. */
  peakLiveHeapMb?: number;
}

export interface SettledMemory {
  rssMb: number;
  heapUsedMb: number;
  /** V8 heap reserved (heapTotal): RSS far above it after a full GC is memory outside V8 (malloc arenas, WebAssembly). */
  heapTotalMb: number;
  externalMb: number;
}

interface Phase {
  wallMs: number;
  cpuMs: number;
  qbSimulatorCpuMs: number;
  procoreSimulatorCpuMs: number;
  postgresCpuMs?: number;
  peakRss: number;
  peakHeapUsed: number;
  peakExternal: number;
  peakLiveHeap?: number;
  startWall?: number;
  startCpu?: NodeJS.CpuUsage;
  startQb?: number;
  startProcore?: number;
  startBackends?: Map<number, number> | null;
}

const toMb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function phaseFigures(p: Phase): PhaseFigures {
  return {
    wallMs: Math.round(p.wallMs),
    cpuMs: Math.round(p.cpuMs),
    qbSimulatorCpuMs: Math.round(p.qbSimulatorCpuMs),
    procoreSimulatorCpuMs: Math.round(p.procoreSimulatorCpuMs),
    ...(p.postgresCpuMs === undefined ? {} : { postgresCpuMs: Math.round(p.postgresCpuMs) }),
    peakRssMb: toMb(p.peakRss),
    peakHeapUsedMb: toMb(p.peakHeapUsed),
    peakExternalMb: toMb(p.peakExternal),
    ...(p.peakLiveHeap === undefined ? {} : { peakLiveHeapMb: toMb(p.peakLiveHeap) }),
  };
}

// A full GC where the process allows it (node --expose-gc, or the flag set at run time), so RSS and heap are
// compared settled rather than at whatever point the collector had reached.
const gc: (() => void) | null = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
})();

function settledMemory(): SettledMemory {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rssMb: toMb(m.rss), heapUsedMb: toMb(m.heapUsed), heapTotalMb: toMb(m.heapTotal), externalMb: toMb(m.external) };
}

export interface ImportBenchFigures {
  database: DatabaseKind;
  transactions: number;
  lines: number;
  /**
   * Settled memory of this process with the server, its database (PGlite lives in this process) and the Procore
   * simulator set up, then with the QuickBooks simulator's generated company file as well: what the passes start from.
   */
  memory: { atSetup: SettledMemory; withCompanyFile: SettledMemory };
  full: ImportPassFigures;
  incremental: ImportPassFigures & { edited: number };
}

export async function benchImport(kind: DatabaseKind): Promise<ImportBenchFigures> {
  const rateLimits = { hourly: 1_000_000, tenSecond: 100_000 };
  const setup = await startProcoreTestSetup(kind, {
    simulator: { rateLimits },
    env: {
      QBWC_BATCH_SIZE: String(BATCH),
      QBWC_SESSION_IDLE_SECONDS: '30',
      PROCORE_RATE_LIMIT_HOURLY: String(rateLimits.hourly),
      PROCORE_RATE_LIMIT_10S: String(rateLimits.tenSecond),
    },
  } as never);
  try {
    const db = setup.testDb.database;
    const companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Bench GC', actor: 'bench' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'bench' });
    const headers = await signInAs(setup, { companyId, login: 'bench@example.com' });
    const api = (method: 'GET' | 'POST', path: string, payload?: object) =>
      setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
    await api('POST', '/procore/service-account');
    await api('POST', '/procore/reconcile', { full: true });
    await setup.app.jobRunner.drain();
    const atSetup = settledMemory();
    const company = generateCompanyFile({
      seed: 5,
      vendors: 300,
      customers: 10,
      jobsPerCustomer: 5,
      items: 40,
      classes: 6,
      ...TXNS,
      paidBillRatio: 0.5,
      linesPerTxn: LINES_PER_TXN,
    });
    const quickbooks = new QuickBooksSimulator({ company });
    const withCompanyFile = settledMemory();
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Bench' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    // QuickBooks' CPU: every ProcessRequest is timed (the client awaits each before its next SOAP call).
    const qbCpu = { micros: 0 };
    const processRequest = quickbooks.processRequest.bind(quickbooks);
    quickbooks.processRequest = async (xml: string) => {
      const start = process.cpuUsage();
      try {
        return await processRequest(xml);
      } finally {
        const used = process.cpuUsage(start);
        qbCpu.micros += used.user + used.system;
      }
    };
    const procoreCpu = measureProcoreSimulatorCpu(setup);
    const databaseName = setup.testDb.url ? new URL(setup.testDb.url).pathname.slice(1) : null;
    const backendsCpu = async (): Promise<Map<number, number> | null> => {
      if (!databaseName) return null;
      const rows = await db.prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = ${databaseName}`;
      const cpu = new Map<number, number>();
      for (const { pid } of rows) {
        try {
          // utime and stime, proc(5) fields 14 and 15, in clock ticks of 1/100 s.
          const after = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = after.slice(after.lastIndexOf(')') + 2).split(' ');
          cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
        } catch {
          // gone meanwhile, or PostgreSQL on another machine
        }
      }
      return cpu;
    };
    const session = (): Promise<SessionReport> =>
      runWebConnectorSession({
        url: `${setup.publicUrl}/qbwc`,
        username: credentials.connection.username,
        password: credentials.password,
        processor: quickbooks,
        noOpDelayMs: 10,
      });

    async function pass(kinds: string[], name: string): Promise<ImportPassFigures> {
      const profile = await startPushProfile();
      const before = settledMemory();
      const walAt = async () => (await db.prisma.$queryRaw<Array<{ lsn: string }>>`SELECT pg_current_wal_lsn()::text AS lsn`)[0]!.lsn;
      const walStart = await walAt();
      let peak = process.memoryUsage().rss;
      let phase: Phase | null = null;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        if (phase) {
          phase.peakRss = Math.max(phase.peakRss, m.rss);
          phase.peakHeapUsed = Math.max(phase.peakHeapUsed, m.heapUsed);
          phase.peakExternal = Math.max(phase.peakExternal, m.external);
        }
      }, 100);
      // BENCH_IMPORT_LIVE_HEAP=1: every 2 s a full GC, then the heap in use is what is live (garbage not yet collected
      // makes heapUsed above a poor measure of what the server keeps). Costs CPU: compare CPU figures without it.
      const liveSampler =
        process.env.BENCH_IMPORT_LIVE_HEAP === '1' && gc
          ? setInterval(() => {
              if (!phase) return;
              gc!();
              phase.peakLiveHeap = Math.max(phase.peakLiveHeap ?? 0, process.memoryUsage().heapUsed);
            }, 2000)
          : null;
      // Wall and CPU of this process split into the Web Connector sessions (the QuickBooks read: the server's
      // receive path plus the QuickBooks simulator, whose share is timed apart) and the job drains after each
      // (the push to Procore: the server's job plus the Procore simulator).
      const newPhase = () => {
        const p: Phase & { begin(): Promise<void>; end(): Promise<void> } = {
          wallMs: 0,
          cpuMs: 0,
          qbSimulatorCpuMs: 0,
          procoreSimulatorCpuMs: 0,
          peakRss: 0,
          peakHeapUsed: 0,
          peakExternal: 0,
          async begin() {
            p.startBackends = await backendsCpu();
            phase = p;
            p.startWall = performance.now();
            p.startCpu = process.cpuUsage();
            p.startQb = qbCpu.micros;
            p.startProcore = procoreCpu.micros();
          },
          async end() {
            phase = null;
            const backends = await backendsCpu();
            if (backends && p.startBackends) {
              // A backend that was not there at the start (a new pool connection) counts from 0.
              p.postgresCpuMs = (p.postgresCpuMs ?? 0) + [...backends].reduce((sum, [pid, ms]) => sum + ms - (p.startBackends!.get(pid) ?? 0), 0);
            }
            p.wallMs += performance.now() - p.startWall!;
            p.cpuMs += cpuMs(process.cpuUsage(p.startCpu));
            p.qbSimulatorCpuMs += (qbCpu.micros - p.startQb!) / 1000;
            p.procoreSimulatorCpuMs += (procoreCpu.micros() - p.startProcore!) / 1000;
          },
        };
        return p;
      };
      setup.simulator.resetStats();
      const startedAt = new Date();
      const started = performance.now();
      for (const k of kinds) await api('POST', '/imports/refresh', { kind: k });
      let sessions = 0;
      let roundTrips = 0;
      let bytesReceived = 0;
      let bytesSent = 0;
      const read = newPhase();
      const push = newPhase();
      for (let i = 0; i < 6; i++) {
        await read.begin();
        const report = await session();
        await read.end();
        sessions += 1;
        roundTrips += report.roundTrips;
        bytesReceived += report.bytesReceived;
        bytesSent += report.bytesSent;
        await push.begin();
        await profile.begin();
        await setup.app.jobRunner.drain();
        await profile.end();
        await push.end();
        if (report.outcome === 'no-work') break;
      }
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      await profile.write(name);
      if (liveSampler) clearInterval(liveSampler);
      const after = settledMemory();
      const stats = setup.simulator.stats();
      const transactionsStored = await db.prisma.qbTransaction.count({ where: { companyId } });
      const linesStored = await db.prisma.qbCostLine.count({ where: { companyId } });
      // fetched_at moves only for a transaction that is new or has a new EditSequence (store-import-responses.ts).
      const transactionsWritten = await db.prisma.qbTransaction.count({ where: { companyId, fetchedAt: { gte: startedAt } } });
      const [written] = await db.prisma.$queryRaw<Array<{ n: number }>>`
        SELECT count(*)::int AS n FROM qb_cost_lines l JOIN qb_transactions t ON t.company_id = l.company_id AND t.txn_type = l.txn_type AND t.txn_id = l.txn_id
        WHERE t.company_id = ${companyId}::uuid AND t.fetched_at >= ${startedAt}`;
      const linesWritten = written?.n ?? 0;
      // On PGlite the database lives in this process: its size is part of the RSS above.
      const [size] = await db.prisma.$queryRaw<Array<{ bytes: bigint }>>`SELECT pg_database_size(current_database()) AS bytes`;
      const databaseSizeMb = toMb(Number(size?.bytes ?? 0));
      // Write-ahead log the pass generated: with PGlite in memory (tests, this bench) its segments are held in this process too.
      const [wal] = await db.prisma.$queryRaw<Array<{ bytes: number }>>`SELECT pg_wal_lsn_diff(${await walAt()}::pg_lsn, ${walStart}::pg_lsn)::float8 AS bytes`;
      const walWrittenMb = toMb(wal?.bytes ?? 0);
      return {
        wallMs,
        sessions,
        roundTrips,
        bytesReceived,
        bytesSent,
        transactionsStored,
        linesStored,
        transactionsWritten,
        linesWritten,
        recordsPerSecond: transactionsWritten / (wallMs / 1000),
        linesPerSecond: linesWritten / (wallMs / 1000),
        procoreCalls: stats.totalRequests,
        procoreByRoute: stats.byRoute,
        peakRssMb: peak / 1024 / 1024,
        read: phaseFigures(read),
        push: phaseFigures(push),
        databaseSizeMb,
        walWrittenMb,
        settledBefore: before,
        settledAfter: after,
      };
    }

    // Jobs, vendors and items first (projects created from jobs), so every cost line has somewhere to go.
    await pass(['jobs', 'vendors', 'items'], 'lists');
    const jobs = (await api('GET', '/imports/jobs?limit=500')).json() as { items: Array<{ qbListId: string }> };
    for (const job of jobs.items) await api('POST', `/imports/jobs/${job.qbListId}/create-project`);
    await setup.app.jobRunner.drain();

    const full = await pass(['job_costs'], 'full');
    // 1% of the transactions edited in QuickBooks, then an incremental Update Job Costs.
    const all = [...company.bills, ...company.checks, ...company.creditCardCharges];
    let edited = 0;
    for (let i = 0; i < all.length; i += 100) {
      const txn = all[i]!;
      const line = txn.itemLines[0] ?? txn.expenseLines[0];
      if (!line) continue;
      quickbooks.modifyTransactionLine(txn.txnId, line.txnLineId, { amountCents: line.amount + 100 });
      edited += 1;
    }
    const incremental = await pass(['job_costs'], 'incremental');
    const lines = all.reduce((n, t) => n + t.itemLines.length + t.expenseLines.length, 0);
    return { database: kind, transactions: all.length, lines, memory: { atSetup, withCompanyFile }, full, incremental: { ...incremental, edited } };
  } finally {
    await setup.close();
  }
}

/**
 * BENCH_IMPORT_PROFILE_DIR=<dir>: V8 profiles of the push phases only (the job drains after each session, where Update
 * Job Costs' Procore half runs): a CPU profile (.cpuprofile; on PGlite the database's WebAssembly shows in it too) and
 * a sampling heap profile of everything allocated there, collected or not (.heapprofile: where the garbage comes from).
 * Both open in Chrome DevTools. Profiling slows the run: compare timings without it.
 */
async function startPushProfile() {
  const dir = process.env.BENCH_IMPORT_PROFILE_DIR;
  if (!dir) return { begin: async () => {}, end: async () => {}, write: async (_name: string) => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('HeapProfiler.enable');
  const cpuProfiles: unknown[] = [];
  const heapProfiles: unknown[] = [];
  return {
    begin: async () => {
      await session.post('Profiler.start');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 64 * 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    end: async () => {
      cpuProfiles.push((await session.post('Profiler.stop')).profile);
      heapProfiles.push((await session.post('HeapProfiler.stopSampling')).profile);
    },
    write: async (name: string) => {
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      cpuProfiles.forEach((p, i) => writeFileSync(path.join(dir, `push-${name}-${i}-${stamp}.cpuprofile`), JSON.stringify(p)));
      heapProfiles.forEach((p, i) => writeFileSync(path.join(dir, `push-${name}-${i}-${stamp}.heapprofile`), JSON.stringify(p)));
    },
  };
}

/**
 * CPU of the Procore simulator (in this process): process CPU while one of its requests is between its request
 * listener and res.end (approximate; Node's HTTP parsing not included). The same measure as bench-export.ts.
 */
function measureProcoreSimulatorCpu(setup: ProcoreTestSetup): { micros: () => number } {
  const server = (setup.simulator as unknown as { server?: Server }).server;
  if (!server) return { micros: () => 0 };
  const listeners = server.listeners('request') as Array<(req: unknown, res: { end: (...args: unknown[]) => unknown }) => void>;
  let micros = 0;
  let inFlight = 0;
  let windowStart: NodeJS.CpuUsage | undefined;
  const wrapped = listeners.map((listener) => (req: unknown, res: { end: (...args: unknown[]) => unknown }) => {
    if (inFlight++ === 0) windowStart = process.cpuUsage();
    const end = res.end.bind(res);
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      if (--inFlight === 0 && windowStart) micros += cpuMs(process.cpuUsage(windowStart)) * 1000;
    };
    res.end = (...args: unknown[]) => {
      try {
        return end(...args);
      } finally {
        finish();
      }
    };
    (res as unknown as { once(event: string, f: () => void): void }).once('close', finish);
    return listener(req, res);
  });
  server.removeAllListeners('request');
  for (const w of wrapped) server.on('request', w as never);
  return { micros: () => micros };
}

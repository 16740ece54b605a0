// Export of 1,000 Procore commitments (with the vendors, jobs and cost-code items they need) to QuickBooks,
// end to end as in apps/server/test/export-e2e.test.ts: the real server on a port, the Procore simulator
// over HTTP, the Web Connector client and the QuickBooks simulator — all in this one process. Reports
// QBWC round trips, CPU time per record and Procore API calls per record. Figures only: nothing is asserted.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Server } from 'node:http';
import { isPostgresReachable, TEST_POSTGRES_URL, type DatabaseKind } from '@connector/db/testing';
import { generateProcoreCompany } from '@connector/procore-simulator';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signInAs } from '../apps/server/test/support/sign-in.ts';

// SQL statements sent to PostgreSQL, counted at node-postgres (as bench-round-trips.ts does), by statement text, so a
// phase's statements per commitment and its most frequent statements show where its database work goes.
const requireFromDb = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/db/package.json'));
const pgClientPrototype = (requireFromDb('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } }).Client.prototype;
const sqlByText = new Map<string, number>();
let sqlStatements = 0;
/** SQL statements sent to PostgreSQL by this process so far (node-postgres; 0 on PGlite). */
export const sqlStatementCount = () => sqlStatements;
{
  const query = pgClientPrototype.query;
  pgClientPrototype.query = function (this: unknown, ...args: unknown[]) {
    sqlStatements += 1;
    const first = args[0];
    const text = typeof first === 'string' ? first : first && typeof first === 'object' && 'text' in first ? String((first as { text: unknown }).text) : '?';
    const key = text.replace(/\s+/g, ' ').slice(0, 110);
    sqlByText.set(key, (sqlByText.get(key) ?? 0) + 1);
    return query.apply(this, args);
  };
}
/** A copy of the per-statement-text counts, to pass to topStatements later. */
export const sqlTextCounts = () => new Map(sqlByText);
export const topStatements = (since: Map<string, number>, n: number) =>
  [...sqlByText]
    .map(([text, count]) => ({ text, count: count - (since.get(text) ?? 0) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, n);

const COMMITMENTS = 1000;
const PROJECTS = 20;
// The seed cycles commitment statuses (4 of 6 Approved, the others Draft or Out For Signature, which the send
// refuses): 75 per project gives 1,020 approved commitments, of which the lowest 1,000 ids are exported.
const COMMITMENTS_PER_PROJECT = 75;
const VENDORS = 150;
const BATCH = 50;
const MAX_IDS_PER_CALL = 500;
const MAX_SESSIONS = 60;

interface Cpu {
  userMs: number;
  systemMs: number;
  totalMs: number;
}

const cpuSince = (start: NodeJS.CpuUsage): Cpu => {
  const d = process.cpuUsage(start);
  return { userMs: d.user / 1000, systemMs: d.system / 1000, totalMs: (d.user + d.system) / 1000 };
};
const cpuMs = (d: NodeJS.CpuUsage) => (d.user + d.system) / 1000;

export interface ExportBenchFigures {
  database: DatabaseKind;
  seed: { projects: number; commitmentsPerProject: number; vendors: number; commitmentsInSeed: number };
  batchSize: number;
  commitments: number;
  commitmentLines: number;
  /** export_records by type and status after the run. */
  exportRecords: Record<string, Record<string, number>>;
  dependencyRecords: Record<string, number>;
  totalRecords: number;
  allSynced: boolean;
  notSynced: Array<{ recordType: string; procoreId: string; status: string; errorCode: string | null; errorMessage: string | null }>;
  quickbooks: {
    vendorsAdded: number;
    customersAdded: number;
    jobsAdded: number;
    itemsAdded: number;
    purchaseOrders: number;
    purchaseOrderLines: number;
    duplicateNames: { vendors: number; customers: number; items: number };
    purchaseOrdersOk: boolean;
  };
  qbwc: {
    sessions: number;
    outcomes: Record<string, number>;
    roundTrips: number;
    requestsSent: number;
    bytesSent: number;
    bytesReceived: number;
    sessionWallMs: number;
  };
  wallMs: number;
  recordsPerSecond: number;
  commitmentsPerSecond: number;
  /** cpuMs: this process; postgresCpuMs: the local PostgreSQL server's processes (postgres only, when measurable). */
  phases: Array<{
    phase: string;
    wallMs: number;
    cpuMs: number;
    postgresCpuMs: number | null;
    /** PostgreSQL only: SQL statements sent in the phase, and its most frequent ones. */
    sqlStatements: number | null;
    topStatements: Array<{ text: string; count: number }> | null;
  }>;
  /** The export.prepare jobs in slices of 100, in order. */
  prepareSlices: Array<{ jobs: number; wallMs: number; cpuMs: number; postgresCpuMs: number | null }>;
  /** PostgreSQL only: the tables scanned most during the run (pg_stat_user_tables; sequential rows read + index scans). */
  postgresTableScans: Array<{ table: string; seqScans: number; seqRowsRead: number; indexScans: number; rowsInserted: number; rowsUpdated: number }> | null;
  cpu: {
    note: string;
    processTotal: Cpu;
    processPerRecordMs: number;
    processPerCommitmentMs: number;
    quickbooksSimulatorMs: number;
    quickbooksProcessRequestCalls: number;
    procoreSimulatorMs: number;
    procoreSimulatorNote: string;
    /** CPU of the local PostgreSQL server's processes (from /proc), null for PGlite or when not measurable. */
    postgresServerMs: number | null;
    /** process − both simulators (+ PostgreSQL's processes): the connector server, its database, and the small QBWC client. */
    serverEstimateMs: number;
    serverEstimatePerRecordMs: number;
    serverEstimatePerCommitmentMs: number;
    sendPhaseMs: number;
  };
  procore: {
    totalCalls: number;
    callsPerCommitment: number;
    callsPerRecord: number;
    byRoute: Record<string, number>;
    byStatus: Record<string, number>;
    rateLimited: number;
    peakRequestsPer10s: number;
    rateLimits: { hourly: number; tenSecond: number };
  };
  serverLogLines: number;
  setupWallMs: number;
  /** BENCH_CPU_PROF_DIR: the V8 CPU profile of this process from approval to all synced (open in Chrome DevTools), else null. */
  cpuProfile: string | null;
}

/** Exports 1,000 commitments into an empty QuickBooks company file; null when the database is not available. */
export async function benchExport(kind: DatabaseKind): Promise<ExportBenchFigures | null> {
  if (kind === 'postgres' && !(await isPostgresReachable())) return null;
  const setupStarted = performance.now();
  const rateLimits = { hourly: 1_000_000, tenSecond: 100_000 };
  const seedCompany = generateProcoreCompany({ seed: 7, projects: PROJECTS, commitmentsPerProject: COMMITMENTS_PER_PROJECT, vendors: VENDORS });
  const setup = await startProcoreTestSetup(kind, {
    simulator: { company: seedCompany, rateLimits },
    // The server's own Procore limiter (default 3600/hour, 100 per 10 s) is raised with the simulator's:
    // at the defaults the ~2,200 calls of this export alone would take 220 s and 60 % of an hour's budget.
    env: {
      QBWC_BATCH_SIZE: String(BATCH),
      QBWC_SESSION_IDLE_SECONDS: '1',
      PROCORE_RATE_LIMIT_HOURLY: String(rateLimits.hourly),
      PROCORE_RATE_LIMIT_10S: String(rateLimits.tenSecond),
    },
  });
  // PostgreSQL's CPU is counted for the backends of the bench's own database only (null: every postgres process).
  const pgDatabase = kind === 'postgres' && setup.testDb.url ? decodeURIComponent(new URL(setup.testDb.url).pathname.slice(1)) || null : null;
  // The pool closes idle connections, and an exited backend's CPU leaves /proc: its backends are sampled every 250 ms
  // and each one's last figure kept, so at most the last 250 ms of an exiting backend is lost.
  const backendSampler = pgDatabase === null ? null : setInterval(() => postgresCpuMs(pgDatabase), 250);
  try {
    const db = setup.testDb.database;
    const companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Bench GC', actor: 'bench' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'bench' });
    // The JSON API needs a signed-in person (embedded app): one with every role.
    const auth = await signInAs(setup, { companyId, login: 'bench@example.com' });
    const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const res = await setup.app.inject({ method, url: `/api/companies/${companyId}${url}`, headers: auth, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res;
    };
    await api('POST', '/procore/service-account');
    await api('POST', '/procore/reconcile', { full: true });
    await setup.app.jobRunner.drain();

    // An empty company file, bound to this connection by the .qwc's FileID.
    const company: CompanyFile = createCompanyFile({ companyName: 'Export Bench Builders' });
    const quickbooks = new QuickBooksSimulator({ company });
    const qwc = parseQwcFile((await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Bench' })).xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);

    // QuickBooks' CPU: every ProcessRequest (XSD validation included) is timed. The client awaits each
    // call before its next SOAP call, so nothing else of ours runs meanwhile.
    let qbCpuMicros = 0;
    let qbCalls = 0;
    let measuring = false;
    const processRequest = quickbooks.processRequest.bind(quickbooks);
    quickbooks.processRequest = async (xml: string) => {
      if (!measuring) return processRequest(xml);
      const start = process.cpuUsage();
      try {
        return await processRequest(xml);
      } finally {
        qbCpuMicros += cpuMs(process.cpuUsage(start)) * 1000;
        qbCalls += 1;
      }
    };
    const procoreCpu = measureProcoreSimulatorCpu(setup, () => measuring);

    const session = (): Promise<SessionReport> =>
      runWebConnectorSession({
        url: `${setup.publicUrl}/qbwc`,
        username: credentials.connection.username,
        password: credentials.password,
        processor: quickbooks,
        noOpDelayMs: 10,
      });

    // The QuickBooks side: the retainage item, and the item account and name rule in the settings.
    const retainageAccount = company.accounts.find((a) => a.name === 'Retainage Payable')!;
    const subcontractors = company.accounts.find((a) => a.name === 'Subcontractors')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: 'bench:retainage',
      requestedBy: 'admin',
      request: {
        type: 'ItemOtherChargeAdd',
        name: 'Retainage',
        salesOrPurchase: { desc: 'Retainage withheld', accountRef: { listId: retainageAccount.listId } },
      },
    });
    const configured = await session();
    if (configured.outcome !== 'completed') throw new Error(`setup session: ${configured.outcome} ${configured.lastError ?? configured.statusLine}`);
    const retainage = company.items.find((i) => i.name === 'Retainage')!;
    await api('PATCH', '/settings', {
      invoiceRetainageItem: { listId: retainage.listId, fullName: 'Retainage' },
      itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' },
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });

    // The 1,000 commitments: the approved commitments of the seeded company's projects, lowest ids first.
    const store = setup.simulator.store;
    const allCommitments = store.projects.list(setup.simulator.companyId).flatMap((p) => store.commitments.list(p.id));
    const chosen = allCommitments
      .filter((c) => c.status === 'Approved')
      .sort((a, b) => a.id - b.id)
      .slice(0, COMMITMENTS);
    if (chosen.length < COMMITMENTS) throw new Error(`the seed has ${chosen.length} approved commitments, fewer than ${COMMITMENTS}`);
    const ids = chosen.map((c) => String(c.id));
    const commitmentLines = chosen.reduce((n, c) => n + store.commitmentLineItems.list(c.id).length, 0);
    const before = {
      vendors: company.vendors.length,
      customers: company.customers.filter((c) => !c.parentId).length,
      jobs: company.customers.filter((c) => c.parentId).length,
      items: company.items.length,
      pos: company.purchaseOrders.length,
    };
    const setupWallMs = performance.now() - setupStarted;

    const tableStats = () => (kind === 'postgres' ? readTableStats(db) : Promise.resolve(null));
    const tablesBefore = await tableStats();
    const logLinesBefore = setup.rawLogs.length;
    setup.simulator.resetStats();
    measuring = true;
    const phases: ExportBenchFigures['phases'] = [];
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const pg = kind === 'postgres' ? postgresCpuMs(pgDatabase) : null;
      const statementsBefore = sqlStatements;
      const textsBefore = new Map(sqlByText);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const out = await run();
      const wallMs = performance.now() - started;
      const cpuMsUsed = cpuSince(cpu).totalMs;
      const pgAfter = pg === null ? null : postgresCpuMs(pgDatabase);
      phases.push({
        phase: name,
        wallMs,
        cpuMs: cpuMsUsed,
        postgresCpuMs: pg === null || pgAfter === null ? null : pgAfter - pg,
        sqlStatements: kind === 'postgres' ? sqlStatements - statementsBefore : null,
        topStatements: kind === 'postgres' ? topStatements(textsBefore, 8) : null,
      });
      return out;
    };
    const chunks = (list: string[]) =>
      Array.from({ length: Math.ceil(list.length / MAX_IDS_PER_CALL) }, (_, i) => list.slice(i * MAX_IDS_PER_CALL, (i + 1) * MAX_IDS_PER_CALL));
    const bulk = async (action: 'send' | 'approve', expected: string) => {
      for (const part of chunks(ids)) {
        const res = await api('POST', `/exports/commitment/${action}`, { procoreIds: part });
        const results = res.json().results as Array<{ procoreId: string; outcome: string; status: string; message: string | null }>;
        const odd = results.filter((r) => r.outcome !== 'applied' || r.status !== expected);
        if (odd.length > 0) throw new Error(`${action}: ${odd.length} not ${expected}, e.g. ${JSON.stringify(odd[0])}`);
      }
    };

    // A project manager sends them to accounting (not part of the export proper: timed on its own).
    await phase('send (JSON API, 2 calls of 500)', () => bulk('send', 'sent_to_accounting'));

    // From the accountant's approval until everything is synced.
    const profiler = await startCpuProfile();
    const cpuStart = process.cpuUsage();
    const qbBefore = qbCpuMicros;
    const procoreBefore = procoreCpu.micros();
    const postgresBefore = kind === 'postgres' ? postgresCpuMs(pgDatabase) : null;
    const started = performance.now();
    await phase('approve (JSON API, 2 calls of 500)', () => bulk('approve', 'approved'));
    // In slices of 100 jobs, to show whether a job's cost grows with the number already queued.
    const prepareSlices: ExportBenchFigures['prepareSlices'] = [];
    await phase('export.prepare jobs (read lines from Procore, plan)', async () => {
      for (;;) {
        const pg = kind === 'postgres' ? postgresCpuMs(pgDatabase) : null;
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const jobs = await setup.app.jobRunner.drain({ maxJobs: 100 });
        if (jobs === 0) break;
        const pgAfter = pg === null ? null : postgresCpuMs(pgDatabase);
        prepareSlices.push({
          jobs,
          wallMs: performance.now() - t0,
          cpuMs: cpuSince(cpu).totalMs,
          postgresCpuMs: pg === null || pgAfter === null ? null : pgAfter - pg,
        });
      }
    });
    const reports: SessionReport[] = [];
    await phase('Web Connector sessions (+ jobs between them)', async () => {
      for (let i = 0; i < MAX_SESSIONS; i++) {
        const report = await session();
        reports.push(report);
        await setup.app.jobRunner.drain();
        if (report.outcome === 'no-work') break;
        if (report.outcome !== 'completed') {
          console.log(`    session ${i + 1}: ${report.outcome} (${report.lastError ?? report.statusLine}); waiting for the idle timeout`);
          await new Promise((resolve) => setTimeout(resolve, 1200));
        }
      }
    });
    await phase('remaining jobs (origin_id write-backs)', () => setup.app.jobRunner.drain());
    const wallMs = performance.now() - started;
    const processTotal = cpuSince(cpuStart);
    const cpuProfile = await profiler.stop(`export-${kind}`);
    const postgresAfter = postgresBefore === null ? null : postgresCpuMs(pgDatabase);
    const postgresServerMs = postgresBefore === null || postgresAfter === null ? null : postgresAfter - postgresBefore;
    measuring = false;
    const quickbooksSimulatorMs = (qbCpuMicros - qbBefore) / 1000;
    const procoreSimulatorMs = (procoreCpu.micros() - procoreBefore) / 1000;
    procoreCpu.restore();
    const stats = setup.simulator.stats();
    const serverLogLines = setup.rawLogs.length - logLinesBefore;

    // PostgreSQL publishes a backend's table counters when it goes idle (at most once a second).
    if (tablesBefore) await new Promise((resolve) => setTimeout(resolve, 1500));
    const tablesAfter = await tableStats();
    const postgresTableScans =
      tablesBefore && tablesAfter
        ? tablesAfter
            .map((t) => {
              const b = tablesBefore.find((x) => x.table === t.table);
              return {
                table: t.table,
                seqScans: t.seqScans - (b?.seqScans ?? 0),
                seqRowsRead: t.seqRowsRead - (b?.seqRowsRead ?? 0),
                indexScans: t.indexScans - (b?.indexScans ?? 0),
                rowsInserted: t.rowsInserted - (b?.rowsInserted ?? 0),
                rowsUpdated: t.rowsUpdated - (b?.rowsUpdated ?? 0),
              };
            })
            .sort((a, b) => b.seqRowsRead + b.indexScans - (a.seqRowsRead + a.indexScans))
            .slice(0, 6)
        : null;

    // What the connector recorded.
    const rows = await db.prisma.exportRecord.findMany({ where: { companyId }, orderBy: [{ recordType: 'asc' }, { procoreId: 'asc' }] });
    const exportRecords: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      const byStatus = (exportRecords[r.recordType] ??= {});
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    }
    const dependencyRecords: Record<string, number> = {};
    for (const [type, byStatus] of Object.entries(exportRecords)) {
      if (type !== 'commitment') dependencyRecords[type] = Object.values(byStatus).reduce((a, b) => a + b, 0);
    }
    const notSynced = rows
      .filter((r) => r.status !== 'synced')
      .map((r) => ({ recordType: r.recordType, procoreId: r.procoreId, status: r.status, errorCode: r.errorCode, errorMessage: r.errorMessage }));

    // What QuickBooks holds: no list entry twice, one purchase order per commitment.
    const duplicates = (names: string[]) => names.length - new Set(names).size;
    const chosenNumbers = new Map<string, number>();
    for (const c of chosen) chosenNumbers.set(c.number, (chosenNumbers.get(c.number) ?? 0) + 1);
    const poNumbers = new Map<string, number>();
    for (const po of company.purchaseOrders) poNumbers.set(po.refNumber ?? '', (poNumbers.get(po.refNumber ?? '') ?? 0) + 1);
    const purchaseOrders = company.purchaseOrders.length - before.pos;
    const quickbooksFigures = {
      vendorsAdded: company.vendors.length - before.vendors,
      customersAdded: company.customers.filter((c) => !c.parentId).length - before.customers,
      jobsAdded: company.customers.filter((c) => c.parentId).length - before.jobs,
      itemsAdded: company.items.length - before.items,
      purchaseOrders,
      purchaseOrderLines: company.purchaseOrders.reduce((n, po) => n + po.lines.length, 0),
      duplicateNames: {
        vendors: duplicates(company.vendors.map((v) => v.name.toLowerCase())),
        customers: duplicates(company.customers.map((c) => `${c.parentId ?? ''}:${c.name.toLowerCase()}`)),
        items: duplicates(company.items.map((i) => `${'parentId' in i ? (i.parentId ?? '') : ''}:${i.name.toLowerCase()}`)),
      },
      // Contract numbers repeat across projects (SC-001 on every project): compare the multisets.
      purchaseOrdersOk: purchaseOrders === COMMITMENTS && [...chosenNumbers].every(([n, count]) => poNumbers.get(n) === count),
    };

    const totalRecords = rows.length;
    const sum = (f: (r: SessionReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    const outcomes: Record<string, number> = {};
    for (const r of reports) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    const serverEstimateMs = processTotal.totalMs - quickbooksSimulatorMs - procoreSimulatorMs + (postgresServerMs ?? 0);
    const sendPhase = phases.find((p) => p.phase.startsWith('send'))!;
    return {
      database: kind,
      seed: { projects: PROJECTS, commitmentsPerProject: COMMITMENTS_PER_PROJECT, vendors: VENDORS, commitmentsInSeed: allCommitments.length },
      batchSize: BATCH,
      commitments: chosen.length,
      commitmentLines,
      exportRecords,
      dependencyRecords,
      totalRecords,
      allSynced: notSynced.length === 0,
      notSynced,
      quickbooks: quickbooksFigures,
      qbwc: {
        sessions: reports.length,
        outcomes,
        roundTrips: sum((r) => r.roundTrips),
        requestsSent: sum((r) => r.requestsSent),
        bytesSent: sum((r) => r.bytesSent),
        bytesReceived: sum((r) => r.bytesReceived),
        sessionWallMs: sum((r) => r.durationMs),
      },
      wallMs,
      recordsPerSecond: Math.round((totalRecords / wallMs) * 1000 * 10) / 10,
      commitmentsPerSecond: Math.round((chosen.length / wallMs) * 1000 * 10) / 10,
      phases,
      prepareSlices,
      postgresTableScans,
      cpu: {
        note:
          'process.cpuUsage() of this one process from approve to all synced: the server (Fastify, QBWC service, job runner), ' +
          (kind === 'pglite' ? 'the embedded PGlite database, ' : 'NOT the PostgreSQL server (a separate process), ') +
          'the Procore simulator, the QuickBooks simulator (XSD validation included) and the Web Connector client',
        processTotal,
        processPerRecordMs: processTotal.totalMs / totalRecords,
        processPerCommitmentMs: processTotal.totalMs / chosen.length,
        quickbooksSimulatorMs,
        quickbooksProcessRequestCalls: qbCalls,
        procoreSimulatorMs,
        procoreSimulatorNote: procoreCpu.note,
        postgresServerMs,
        serverEstimateMs,
        serverEstimatePerRecordMs: serverEstimateMs / totalRecords,
        serverEstimatePerCommitmentMs: serverEstimateMs / chosen.length,
        sendPhaseMs: sendPhase.cpuMs,
      },
      procore: {
        totalCalls: stats.totalRequests,
        callsPerCommitment: stats.totalRequests / chosen.length,
        callsPerRecord: stats.totalRequests / totalRecords,
        byRoute: stats.byRoute,
        byStatus: stats.byStatus,
        rateLimited: stats.rateLimited,
        peakRequestsPer10s: stats.peakRequestsPer10s,
        rateLimits,
      },
      serverLogLines,
      setupWallMs,
      cpuProfile,
    };
  } finally {
    if (backendSampler) clearInterval(backendSampler);
    await setup.close();
  }
}

/** BENCH_CPU_PROF_DIR=<dir>: a V8 CPU profile (inspector) of the measured span only, not the set-up. */
async function startCpuProfile() {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return { stop: async (_name: string): Promise<string | null> => null };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (name: string): Promise<string | null> => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/**
 * The Procore simulator's CPU, approximately: the process CPU while at least one simulator request is between
 * its arrival (the request listener) and its answer (res.end). For GETs that span is the simulator's own
 * synchronous work and microtasks; for PATCH it also covers the wait for the body, when other work may run.
 */
export function measureProcoreSimulatorCpu(setup: ProcoreTestSetup, active: () => boolean) {
  const server = (setup.simulator as unknown as { server?: Server }).server;
  if (!server) return { micros: () => 0, restore: () => {}, note: 'not measured (simulator server not found)' };
  const listeners = server.listeners('request') as Array<(req: unknown, res: { end: (...args: unknown[]) => unknown }) => void>;
  let micros = 0;
  let inFlight = 0;
  let windowStart: NodeJS.CpuUsage | undefined;
  const wrapped = listeners.map((listener) => (req: unknown, res: { end: (...args: unknown[]) => unknown }) => {
    if (!active()) return listener(req, res);
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
  return {
    micros: () => micros,
    restore: () => {
      server.removeAllListeners('request');
      for (const l of listeners) server.on('request', l as never);
    },
    note: 'process CPU while a simulator request was between its request listener and res.end (approximate; HTTP parsing by Node not included)',
  };
}

async function readTableStats(db: ProcoreTestSetup['testDb']['database']) {
  const rows = await db.prisma.$queryRaw<
    Array<{ relname: string; seq_scan: bigint; seq_tup_read: bigint; idx_scan: bigint | null; n_tup_ins: bigint; n_tup_upd: bigint }>
  >`
    SELECT relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd FROM pg_stat_user_tables`;
  return rows.map((r) => ({
    table: r.relname,
    seqScans: Number(r.seq_scan),
    seqRowsRead: Number(r.seq_tup_read),
    indexScans: Number(r.idx_scan ?? 0),
    rowsInserted: Number(r.n_tup_ins),
    rowsUpdated: Number(r.n_tup_upd),
  }));
}

let clockTicks: number | undefined;

/**
 * CPU of the PostgreSQL server's processes, when the test server is on this machine and /proc shows it; else null.
 * With a database name: utime + stime of the backends connected to it, each one's last figure kept after it exits
 * (sampled every 250 ms during a run); without: every postgres process, plus cutime + cstime so exited backends count.
 */
export function postgresCpuMs(database: string | null): number | null {
  const host = (() => {
    try {
      return new URL(TEST_POSTGRES_URL).hostname;
    } catch {
      return '';
    }
  })();
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) return null;
  clockTicks ??= (() => {
    try {
      return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      return 100; // every Linux we run on
    }
  })();
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // After "(comm) ": state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of the line.
      const fields = stat.slice(close + 2).split(' ');
      if (database !== null) {
        // Only the backends serving the bench's own database ("postgres: <user> <database> <host> <state>"): the
        // PostgreSQL server may be shared with other work on the machine.
        const key = `${pid}:${fields[19]}`; // pid and start time: a pid may be reused
        let ours = backendIsOurs.get(key);
        if (ours === undefined) {
          try {
            ours = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(` ${database} `);
          } catch {
            continue;
          }
          backendIsOurs.set(key, ours);
        }
        if (ours) backendTicks.set(key, Number(fields[11]) + Number(fields[12]));
        found ||= ours;
        continue;
      } else {
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      }
      found = true;
    }
  } catch {
    return null;
  }
  if (database !== null) for (const t of backendTicks.values()) ticks += t;
  return found || backendTicks.size > 0 ? (ticks / clockTicks) * 1000 : null;
}

/** The bench database's backends seen so far (pid:start time → whether it serves the database; its last utime + stime). */
const backendIsOurs = new Map<string, boolean>();
const backendTicks = new Map<string, number>();

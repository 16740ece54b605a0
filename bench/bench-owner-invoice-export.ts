// Export of N approved Procore owner invoices (payment applications on prime contracts, issue 21) to QuickBooks
// invoices, end to end as in apps/server/test/owner-invoice-export.test.ts: the real server on a port, the Procore
// simulator over HTTP, the Web Connector client and the QuickBooks simulator — all in this one process. Measured the
// way bench-export.ts measures commitments (round trips, CPU per record with the simulators taken out and PostgreSQL's
// backends added, Procore calls per record), plus peak RSS. Figures only: no timing is asserted. The company file is
// checked afterwards (every owner invoice once, its release invoice once where it releases retainage, the amounts),
// and the result says so, so a broken export cannot pass for a fast one.
import type { DatabaseKind } from '@connector/db/testing';
import { isPostgresReachable } from '@connector/db/testing';
import type { PaymentApplicationLineSpec } from '@connector/procore-simulator';
import { createCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signInAs } from '../apps/server/test/support/sign-in.ts';
import { measureProcoreSimulatorCpu, postgresCpuMs, sqlStatementCount, sqlTextCounts, topStatements } from './bench-export.ts';

/** Projects the owner invoices are spread over (one prime contract of two SOV lines each). */
const PROJECTS = 5;
const BATCH = 50;
const MAX_IDS_PER_CALL = 500;
const MAX_SESSIONS = 80;

/** One owner invoice as billed: its number, the lines' figures in dollars, and what QuickBooks must end up holding. */
interface PlannedInvoice {
  procoreId: number;
  invoiceNumber: string;
  projectId: number;
  /** Σ work completed − Σ retainage withheld, in cents: the progress invoice's total. */
  progressCents: number;
  /** Σ retainage released, in cents (0: no release invoice). */
  releaseCents: number;
  withheld: boolean;
}

export interface OwnerInvoiceBenchFigures {
  database: DatabaseKind;
  ownerInvoices: number;
  projects: number;
  withRetainageWithheld: number;
  withRetainageReleased: number;
  batchSize: number;
  exportRecords: Record<string, Record<string, number>>;
  totalRecords: number;
  notSynced: Array<{ recordType: string; procoreId: string; status: string; errorCode: string | null; errorMessage: string | null }>;
  /** The company file checked invoice by invoice; problems lists the first 20 found. */
  check: { ok: boolean; invoicesAdded: number; expectedInvoices: number; problems: string[] };
  qbwc: { sessions: number; outcomes: Record<string, number>; roundTrips: number; requestsSent: number; bytesSent: number; bytesReceived: number };
  wallMs: number;
  ownerInvoicesPerSecond: number;
  phases: Array<{
    phase: string;
    wallMs: number;
    cpuMs: number;
    postgresCpuMs: number | null;
    sqlStatements: number | null;
    /** PostgreSQL only: the phase's most frequent statements (by text), where its database work goes. */
    topStatements: Array<{ text: string; count: number }> | null;
  }>;
  cpu: {
    note: string;
    processTotalMs: number;
    quickbooksSimulatorMs: number;
    procoreSimulatorMs: number;
    postgresServerMs: number | null;
    /** process − both simulators + PostgreSQL's backends: the connector server and its database (and the small QBWC client). */
    serverEstimateMs: number;
    serverEstimatePerOwnerInvoiceMs: number;
    serverEstimatePerRecordMs: number;
    sendPhaseMs: number;
  };
  procore: { totalCalls: number; callsPerOwnerInvoice: number; byRoute: Record<string, number>; rateLimited: number };
  memory: { rssAtStartMb: number; peakRssMb: number; note: string };
  setupWallMs: number;
}

/** The projects of the seed with two standard cost codes (the owner invoice's lines bill cost-code items). */
function chooseProjects(setup: ProcoreTestSetup, count: number) {
  const store = setup.simulator.store;
  const picked: Array<{ projectId: number; costCodes: [number, number] }> = [];
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const codes = store.costCodes.list(project.id).filter((c) => c.standard_cost_code_id !== null);
    if (codes.length >= 2) picked.push({ projectId: project.id, costCodes: [codes[0]!.id, codes[1]!.id] });
    if (picked.length === count) break;
  }
  if (picked.length === 0) throw new Error('the seed has no project with two standard cost codes');
  return picked;
}

const dayOf = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Exports `count` approved owner invoices into an empty QuickBooks company file; null when the database is not available. */
export async function benchOwnerInvoiceExport(kind: DatabaseKind, count: number): Promise<OwnerInvoiceBenchFigures | null> {
  if (kind === 'postgres' && !(await isPostgresReachable())) return null;
  const setupStarted = performance.now();
  const rateLimits = { hourly: 1_000_000, tenSecond: 100_000 };
  const setup = await startProcoreTestSetup(kind, {
    simulator: { rateLimits },
    // As bench-export.ts: the server's own Procore limiter is raised with the simulator's, so the limiter's waits
    // are not measured as the export's time.
    env: {
      QBWC_BATCH_SIZE: String(BATCH),
      QBWC_SESSION_IDLE_SECONDS: '1',
      PROCORE_RATE_LIMIT_HOURLY: String(rateLimits.hourly),
      PROCORE_RATE_LIMIT_10S: String(rateLimits.tenSecond),
    },
  });
  const pgDatabase = kind === 'postgres' && setup.testDb.url ? decodeURIComponent(new URL(setup.testDb.url).pathname.slice(1)) || null : null;
  // Exited backends leave /proc: sampled every 250 ms, each one's last figure kept (bench-export.ts).
  const backendSampler = pgDatabase === null ? null : setInterval(() => postgresCpuMs(pgDatabase), 250);
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  try {
    const db = setup.testDb.database;
    const sim = setup.simulator;
    const companyId = (await createCompany(db, { procoreCompanyId: String(sim.companyId), name: 'Owner Bench GC', actor: 'bench' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'bench' });
    const auth = await signInAs(setup, { companyId, login: 'owner-bench@example.com' });
    const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const res = await setup.app.inject({ method, url: `/api/companies/${companyId}${url}`, headers: auth, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res;
    };
    await api('POST', '/procore/service-account');

    // The owner invoices: per project one prime contract of two SOV lines (large enough never to be over-billed), and
    // its share of the N invoices in a cycle of four: both lines with 10 % withheld; one line, nothing withheld; one
    // line withheld while retainage is released on both lines (a release invoice of its own); both lines withheld.
    const projects = chooseProjects(setup, PROJECTS);
    const planned: PlannedInvoice[] = [];
    const perProject = Math.ceil(count / projects.length);
    for (const [p, project] of projects.entries()) {
      const contract = sim.edit.addPrimeContract(sim.companyId, project.projectId, {
        title: `Owner bench contract ${p + 1}`,
        owner_name: `Bench Owner ${p + 1}`,
        retainage_percent: 10,
        line_items: [
          { cost_code_id: project.costCodes[0], amount: 500_000_000, description: 'Sitework and concrete' },
          { cost_code_id: project.costCodes[1], amount: 500_000_000, description: 'Structural steel' },
        ],
      });
      const [first, second] = [contract.line_items[0]!.id, contract.line_items[1]!.id];
      for (let j = 0; j < perProject && planned.length < count; j++) {
        const work = 10_000 + ((planned.length * 37) % 50) * 100;
        const shape = j % 4;
        const lines: PaymentApplicationLineSpec[] =
          shape === 1
            ? [{ prime_contract_line_item_id: first, work_completed_this_period: work, work_completed_retainage_retained_this_period: 0 }]
            : shape === 2
              ? [
                  {
                    prime_contract_line_item_id: first,
                    work_completed_this_period: work,
                    work_completed_retainage_retained_this_period: work / 10,
                    work_completed_retainage_released_this_period: 500,
                  },
                  {
                    prime_contract_line_item_id: second,
                    work_completed_this_period: 0,
                    work_completed_retainage_retained_this_period: 0,
                    work_completed_retainage_released_this_period: 300,
                  },
                ]
              : [
                  { prime_contract_line_item_id: first, work_completed_this_period: work, work_completed_retainage_retained_this_period: work / 10 },
                  { prime_contract_line_item_id: second, work_completed_this_period: work / 2, work_completed_retainage_retained_this_period: work / 20 },
                ];
        const invoiceNumber = `OB${planned.length + 1}`;
        const application = sim.edit.addPaymentApplication(sim.companyId, project.projectId, {
          contract_id: contract.id,
          status: 'approved',
          invoice_number: invoiceNumber,
          billing_date: dayOf(j + 27),
          period_start: dayOf(j),
          period_end: dayOf(j + 27),
          lines,
        });
        const cents = (f: (l: PaymentApplicationLineSpec) => number | undefined) => lines.reduce((n, l) => n + Math.round((f(l) ?? 0) * 100), 0);
        const retained = cents((l) => l.work_completed_retainage_retained_this_period);
        planned.push({
          procoreId: application.id,
          invoiceNumber,
          projectId: project.projectId,
          progressCents: cents((l) => l.work_completed_this_period) - retained,
          releaseCents: cents((l) => l.work_completed_retainage_released_this_period),
          withheld: retained > 0,
        });
      }
    }
    console.log(`    ${new Date().toISOString().slice(11, 19)} ${kind} ${planned.length} owner invoices: reconcile (set-up)`);
    await api('POST', '/procore/reconcile', { full: true });
    await setup.app.jobRunner.drain();

    // An empty company file bound by the .qwc's FileID, with the Retainage Receivable item (an Other Charge on the
    // Retainage Receivable asset account) and the settings the owner invoice export needs (as the e2e test sets them).
    const company = createCompanyFile({ companyName: 'Owner Export Bench Builders' });
    const quickbooks = new QuickBooksSimulator({ company });
    const qwc = parseQwcFile((await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Bench' })).xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    let qbCpuMicros = 0;
    let measuring = false;
    const processRequest = quickbooks.processRequest.bind(quickbooks);
    quickbooks.processRequest = async (xml: string) => {
      if (!measuring) return processRequest(xml);
      const start = process.cpuUsage();
      try {
        return await processRequest(xml);
      } finally {
        const d = process.cpuUsage(start);
        qbCpuMicros += d.user + d.system;
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
    const receivable = company.accounts.find((a) => a.name === 'Retainage Receivable')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: 'bench:retainage-receivable',
      requestedBy: 'admin',
      request: { type: 'ItemOtherChargeAdd', name: 'Retainage Receivable', salesOrPurchase: { accountRef: { listId: receivable.listId } } },
    });
    const configured = await session();
    if (configured.outcome !== 'completed') throw new Error(`setup session: ${configured.outcome} ${configured.lastError ?? configured.statusLine}`);
    const retainageItem = company.items.find((i) => i.name === 'Retainage Receivable')!;
    const income = company.accounts.find((a) => a.name === 'Subcontracted Labor')!;
    const expense = company.accounts.find((a) => a.name === 'Subcontractors')!;
    await api('PATCH', '/settings', {
      retainageReceivableItem: { listId: retainageItem.listId, fullName: 'Retainage Receivable' },
      itemIncomeAccount: { listId: income.listId, fullName: 'Construction:Subcontracted Labor' },
      itemExpenseAccount: { listId: expense.listId, fullName: 'Job Expenses:Subcontractors' },
      ownerInvoiceLineItem: 'cost_code',
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    const invoicesBefore = company.invoices.length;
    const setupWallMs = performance.now() - setupStarted;

    const ids = planned.map((p) => String(p.procoreId));
    const chunks = Array.from({ length: Math.ceil(ids.length / MAX_IDS_PER_CALL) }, (_, i) => ids.slice(i * MAX_IDS_PER_CALL, (i + 1) * MAX_IDS_PER_CALL));
    const bulk = async (action: 'send' | 'approve', expected: string) => {
      for (const part of chunks) {
        const res = await api('POST', `/exports/owner_invoice/${action}`, { procoreIds: part });
        const results = res.json().results as Array<{ procoreId: string; outcome: string; status: string; code?: string | null; message: string | null }>;
        const odd = results.filter((r) => r.outcome !== 'applied' || r.status !== expected);
        if (odd.length > 0) throw new Error(`${action}: ${odd.length} not ${expected}, e.g. ${JSON.stringify(odd[0])}`);
      }
    };
    const phases: OwnerInvoiceBenchFigures['phases'] = [];
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      console.log(`    ${new Date().toISOString().slice(11, 19)} ${kind} ${planned.length} owner invoices: ${name}`);
      const pg = kind === 'postgres' ? postgresCpuMs(pgDatabase) : null;
      const statements = sqlStatementCount();
      const texts = sqlTextCounts();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const out = await run();
      const d = process.cpuUsage(cpu);
      const pgAfter = pg === null ? null : postgresCpuMs(pgDatabase);
      phases.push({
        phase: name,
        wallMs: performance.now() - started,
        cpuMs: (d.user + d.system) / 1000,
        postgresCpuMs: pg === null || pgAfter === null ? null : pgAfter - pg,
        sqlStatements: kind === 'postgres' ? sqlStatementCount() - statements : null,
        topStatements: kind === 'postgres' ? topStatements(texts, 8) : null,
      });
      return out;
    };

    sim.resetStats();
    measuring = true;
    const rssAtStart = process.memoryUsage.rss();
    peakRss = rssAtStart;
    const calls = `${chunks.length} call${chunks.length === 1 ? '' : 's'}`;
    // Sending to accounting is the project manager's step before approval: timed on its own, not in the CPU per invoice.
    await phase(`send (JSON API, ${calls})`, () => bulk('send', 'sent_to_accounting'));
    const cpuStart = process.cpuUsage();
    const qbBefore = qbCpuMicros;
    const procoreBefore = procoreCpu.micros();
    const postgresBefore = kind === 'postgres' ? postgresCpuMs(pgDatabase) : null;
    const started = performance.now();
    await phase(`approve (JSON API, ${calls})`, () => bulk('approve', 'approved'));
    await phase('export.prepare jobs (read from Procore, plan)', () => setup.app.jobRunner.drain());
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
    await phase('remaining jobs', () => setup.app.jobRunner.drain());
    const wallMs = performance.now() - started;
    const d = process.cpuUsage(cpuStart);
    const processTotalMs = (d.user + d.system) / 1000;
    const postgresAfter = postgresBefore === null ? null : postgresCpuMs(pgDatabase);
    const postgresServerMs = postgresBefore === null || postgresAfter === null ? null : postgresAfter - postgresBefore;
    measuring = false;
    const quickbooksSimulatorMs = (qbCpuMicros - qbBefore) / 1000;
    const procoreSimulatorMs = (procoreCpu.micros() - procoreBefore) / 1000;
    procoreCpu.restore();
    const stats = sim.stats();

    const rows = await db.prisma.exportRecord.findMany({ where: { companyId }, orderBy: [{ recordType: 'asc' }, { procoreId: 'asc' }] });
    const exportRecords: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      const byStatus = (exportRecords[r.recordType] ??= {});
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    }
    const notSynced = rows
      .filter((r) => r.status !== 'synced')
      .map((r) => ({ recordType: r.recordType, procoreId: r.procoreId, status: r.status, errorCode: r.errorCode, errorMessage: r.errorMessage }));
    const check = await checkCompanyFile(setup, companyId, company.invoices, planned, notSynced.length);
    check.invoicesAdded = company.invoices.length - invoicesBefore;

    const sum = (f: (r: SessionReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    const outcomes: Record<string, number> = {};
    for (const r of reports) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    const serverEstimateMs = processTotalMs - quickbooksSimulatorMs - procoreSimulatorMs + (postgresServerMs ?? 0);
    return {
      database: kind,
      ownerInvoices: planned.length,
      projects: projects.length,
      withRetainageWithheld: planned.filter((p) => p.withheld).length,
      withRetainageReleased: planned.filter((p) => p.releaseCents > 0).length,
      batchSize: BATCH,
      exportRecords,
      totalRecords: rows.length,
      notSynced: notSynced.slice(0, 50),
      check,
      qbwc: {
        sessions: reports.length,
        outcomes,
        roundTrips: sum((r) => r.roundTrips),
        requestsSent: sum((r) => r.requestsSent),
        bytesSent: sum((r) => r.bytesSent),
        bytesReceived: sum((r) => r.bytesReceived),
      },
      wallMs,
      ownerInvoicesPerSecond: Math.round((planned.length / wallMs) * 1000 * 10) / 10,
      phases,
      cpu: {
        note:
          'process.cpuUsage() from approve to all synced, minus the QuickBooks simulator (every ProcessRequest timed) and the Procore simulator ' +
          '(request listener to res.end, approximate)' +
          (kind === 'pglite' ? '; PGlite runs in this process' : ' plus the bench database’s PostgreSQL backends (/proc)'),
        processTotalMs,
        quickbooksSimulatorMs,
        procoreSimulatorMs,
        postgresServerMs,
        serverEstimateMs,
        serverEstimatePerOwnerInvoiceMs: serverEstimateMs / planned.length,
        serverEstimatePerRecordMs: serverEstimateMs / Math.max(1, rows.length),
        sendPhaseMs: phases[0]!.cpuMs,
      },
      procore: {
        totalCalls: stats.totalRequests,
        callsPerOwnerInvoice: stats.totalRequests / planned.length,
        byRoute: stats.byRoute,
        rateLimited: stats.rateLimited,
      },
      memory: {
        rssAtStartMb: rssAtStart / 2 ** 20,
        peakRssMb: peakRss / 2 ** 20,
        note: 'this one process (server, PGlite when used, both simulators), sampled every 100 ms from send to all synced',
      },
      setupWallMs,
    };
  } finally {
    clearInterval(rssSampler);
    if (backendSampler) clearInterval(backendSampler);
    await setup.close();
  }
}

/**
 * Every planned owner invoice in QuickBooks exactly once under its number, on its project's job, for the billed total;
 * its release invoice ("<number>R", QuickBooks' invoice number) exactly once with the released total where it releases
 * retainage, none where it does not; the connector's links point at those invoices; every export record synced.
 */
async function checkCompanyFile(
  setup: ProcoreTestSetup,
  companyId: string,
  invoices: Array<{ txnId: string; refNumber?: string | null; customerId: string; lines: Array<{ amount: number }> }>,
  planned: PlannedInvoice[],
  notSynced: number,
): Promise<OwnerInvoiceBenchFigures['check']> {
  const db = setup.testDb.database;
  const problems: string[] = [];
  if (notSynced > 0) problems.push(`${notSynced} export records not synced`);
  const byNumber = new Map<string, typeof invoices>();
  for (const inv of invoices) byNumber.set(inv.refNumber ?? '', [...(byNumber.get(inv.refNumber ?? '') ?? []), inv]);
  const links = await db.prisma.recordLink.findMany({
    where: { companyId, procoreType: { in: ['project', 'payment_application', 'payment_application_retainage_release'] } },
  });
  const linkOf = (type: string, id: number) => links.find((l) => l.procoreType === type && l.procoreId === String(id));
  const total = (inv: { lines: Array<{ amount: number }> }) => inv.lines.reduce((n, l) => n + l.amount, 0);
  for (const p of planned) {
    const progress = byNumber.get(p.invoiceNumber) ?? [];
    const release = byNumber.get(`${p.invoiceNumber}R`) ?? [];
    if (progress.length !== 1) problems.push(`${p.invoiceNumber}: ${progress.length} invoices, expected 1`);
    else {
      if (total(progress[0]!) !== p.progressCents) problems.push(`${p.invoiceNumber}: total ${total(progress[0]!)} cents, expected ${p.progressCents}`);
      if (progress[0]!.customerId !== linkOf('project', p.projectId)?.qbId) problems.push(`${p.invoiceNumber}: not on its project's job`);
      if (linkOf('payment_application', p.procoreId)?.qbId !== progress[0]!.txnId) problems.push(`${p.invoiceNumber}: its link is not the invoice`);
    }
    const expectedReleases = p.releaseCents > 0 ? 1 : 0;
    if (release.length !== expectedReleases) problems.push(`${p.invoiceNumber}R: ${release.length} release invoices, expected ${expectedReleases}`);
    else if (expectedReleases === 1) {
      if (total(release[0]!) !== p.releaseCents) problems.push(`${p.invoiceNumber}R: total ${total(release[0]!)} cents, expected ${p.releaseCents}`);
      if (linkOf('payment_application_retainage_release', p.procoreId)?.qbId !== release[0]!.txnId)
        problems.push(`${p.invoiceNumber}R: its link is not the release invoice`);
    }
  }
  const expectedInvoices = planned.length + planned.filter((p) => p.releaseCents > 0).length;
  if (invoices.length !== expectedInvoices) problems.push(`${invoices.length} invoices in the company file, expected ${expectedInvoices}`);
  return { ok: problems.length === 0, invoicesAdded: invoices.length, expectedInvoices, problems: problems.slice(0, 20) };
}

/** The table's lines for one run (run-benchmarks.ts prints them). */
export function printOwnerInvoiceExport(e: OwnerInvoiceBenchFigures): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const c = e.cpu;
  const lines = [
    `Export of ${e.ownerInvoices} owner invoices to QuickBooks invoices on ${e.database} (${e.projects} projects; ${e.withRetainageWithheld} withhold retainage, ${e.withRetainageReleased} release it; QBWC batch ${e.batchSize}):`,
    `  check: ${e.check.ok ? `ok — every owner invoice once, ${e.withRetainageReleased} release invoices once, totals and links right (${e.check.invoicesAdded} invoices)` : `FAILED — ${e.check.problems.length} problem(s), e.g. ${e.check.problems.slice(0, 3).join('; ')}`}`,
    `  records: ${Object.entries(e.exportRecords)
      .map(
        ([type, byStatus]) =>
          `${type} ${Object.entries(byStatus)
            .map(([status, n]) => `${n} ${status}`)
            .join('/')}`,
      )
      .join(', ')} = ${e.totalRecords}`,
    `  QBWC: ${e.qbwc.sessions} sessions (${Object.entries(e.qbwc.outcomes)
      .map(([o, n]) => `${n} ${o}`)
      .join(', ')}), ${e.qbwc.roundTrips} round trips (sendRequestXML/receiveResponseXML pairs), ${e.qbwc.requestsSent} qbXML messages`,
    `  wall ${s(e.wallMs)} from approval to all synced (${e.ownerInvoicesPerSecond} owner invoices/s)`,
    ...e.phases.flatMap((p) => [
      `    ${p.phase.padEnd(46)} ${s(p.wallMs).padStart(8)} wall ${s(p.cpuMs).padStart(8)} CPU${p.postgresCpuMs === null ? '' : ` + ${s(p.postgresCpuMs)} PostgreSQL`}${p.sqlStatements === null ? '' : `, ${p.sqlStatements} SQL statements`}`,
      ...(p.topStatements ?? []).slice(0, 3).map((t) => `      ${String(t.count).padStart(6)} × ${t.text.slice(0, 90)}`),
    ]),
    `  CPU: process ${s(c.processTotalMs)} − QuickBooks simulator ${s(c.quickbooksSimulatorMs)} − Procore simulator ≈ ${s(c.procoreSimulatorMs)}${c.postgresServerMs === null ? '' : ` + PostgreSQL backends ${s(c.postgresServerMs)}`} = server ${s(c.serverEstimateMs)} = ${c.serverEstimatePerOwnerInvoiceMs.toFixed(1)} ms per owner invoice (${c.serverEstimatePerRecordMs.toFixed(1)} ms per record); sending before approval ${s(c.sendPhaseMs)}, not included`,
    `  Procore: ${e.procore.totalCalls} API calls = ${e.procore.callsPerOwnerInvoice.toFixed(2)} per owner invoice; ${e.procore.rateLimited} × 429`,
    ...Object.entries(e.procore.byRoute)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([route, n]) => `    ${String(n).padStart(5)}  ${route}`),
    `  peak RSS ${e.memory.peakRssMb.toFixed(0)} MB (${e.memory.rssAtStartMb.toFixed(0)} MB at send; ${e.memory.note})`,
  ];
  for (const r of e.notSynced.slice(0, 10))
    lines.push(`    NOT SYNCED ${r.recordType} ${r.procoreId}: ${r.status} ${r.errorCode ?? ''} ${r.errorMessage ?? ''}`);
  return lines;
}

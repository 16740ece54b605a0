// Update Job Costs at scale: a generated company file with about 100,000 transaction lines (bills, checks,
// credit card charges; three lines each) read through the Web Connector and pushed to the Procore
// simulator — first in full, then incrementally after 1% of the transactions were edited. The same
// harness as apps/server/test/import-e2e.test.ts. Reports QBWC round trips, records and lines per second,
// peak server memory (RSS of this one process, which also holds both simulators) and Procore calls.
// Figures only: nothing is asserted.
import type { DatabaseKind } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signInAs } from '../apps/server/test/support/sign-in.ts';

const TXNS = { bills: 14_000, checks: 10_000, creditCardCharges: 9_400 };
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
}

export interface ImportBenchFigures {
  database: DatabaseKind;
  transactions: number;
  lines: number;
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
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Bench' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    const session = (): Promise<SessionReport> =>
      runWebConnectorSession({
        url: `${setup.publicUrl}/qbwc`,
        username: credentials.connection.username,
        password: credentials.password,
        processor: quickbooks,
        noOpDelayMs: 10,
      });

    async function pass(kinds: string[]): Promise<ImportPassFigures> {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 100);
      setup.simulator.resetStats();
      const startedAt = new Date();
      const started = performance.now();
      for (const k of kinds) await api('POST', '/imports/refresh', { kind: k });
      let sessions = 0;
      let roundTrips = 0;
      let bytesReceived = 0;
      let bytesSent = 0;
      for (let i = 0; i < 6; i++) {
        const report = await session();
        sessions += 1;
        roundTrips += report.roundTrips;
        bytesReceived += report.bytesReceived;
        bytesSent += report.bytesSent;
        await setup.app.jobRunner.drain();
        if (report.outcome === 'no-work') break;
      }
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      const stats = setup.simulator.stats();
      const transactionsStored = await db.prisma.qbTransaction.count({ where: { companyId } });
      const linesStored = await db.prisma.qbCostLine.count({ where: { companyId } });
      // fetched_at moves only for a transaction that is new or has a new EditSequence (store-import-responses.ts).
      const transactionsWritten = await db.prisma.qbTransaction.count({ where: { companyId, fetchedAt: { gte: startedAt } } });
      const [written] = await db.prisma.$queryRaw<Array<{ n: number }>>`
        SELECT count(*)::int AS n FROM qb_cost_lines l JOIN qb_transactions t ON t.company_id = l.company_id AND t.txn_type = l.txn_type AND t.txn_id = l.txn_id
        WHERE t.company_id = ${companyId}::uuid AND t.fetched_at >= ${startedAt}`;
      const linesWritten = written?.n ?? 0;
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
      };
    }

    // Jobs, vendors and items first (projects created from jobs), so every cost line has somewhere to go.
    await pass(['jobs', 'vendors', 'items']);
    const jobs = (await api('GET', '/imports/jobs?limit=500')).json() as { items: Array<{ qbListId: string }> };
    for (const job of jobs.items) await api('POST', `/imports/jobs/${job.qbListId}/create-project`);
    await setup.app.jobRunner.drain();

    const full = await pass(['job_costs']);
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
    const incremental = await pass(['job_costs']);
    const lines = all.reduce((n, t) => n + t.itemLines.length + t.expenseLines.length, 0);
    return { database: kind, transactions: all.length, lines, full, incremental: { ...incremental, edited } };
  } finally {
    await setup.close();
  }
}

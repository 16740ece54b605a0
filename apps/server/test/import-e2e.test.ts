import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, createWebSession, SESSION_COOKIE, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks } from './support/refresh-from-quickbooks.ts';

// QuickBooks to Procore, end to end: the real server on a port, the Procore simulator, the Web Connector client and a
// generated QuickBooks company file with 10,000 bills, checks and credit card charges. Jobs, vendors and
// items are refreshed and linked, job costs are read and pushed to Procore as direct costs, and the
// job-to-date totals per project and cost code are compared with a straight sum computed from the company
// file; then edits and deletions made in QuickBooks flow through; re-running changes nothing. Payments
// and bills entered against our purchase orders need real exports first: export-e2e.test.ts covers them.
const TXNS = { bills: 4000, checks: 3000, creditCardCharges: 3000 };

describe.each(await databaseKinds())('QuickBooks into Procore end to end (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let headers: Record<string, string> = {};
  let linkedItems = new Set<string>();

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Import GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    // A signed-in admin with every role (sign-in itself is tested in sign-in.test.ts).
    const user = await db.prisma.user.create({
      data: { procoreEnvironment: 'production', procoreUserId: '4242', login: 'pm@example.com', name: 'Pat Manager' },
    });
    await db.prisma.companyMember.create({ data: { companyId, userId: user.id, roles: ['admin', 'project_manager', 'accountant'] } });
    const web = await createWebSession(db, { userId: user.id, now: new Date() });
    headers = { cookie: `${SESSION_COOKIE}=${web.cookieValue}`, 'x-csrf-token': web.csrfToken };
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
    company = generateCompanyFile({
      seed: 11,
      vendors: 60,
      customers: 4,
      jobsPerCustomer: 3,
      items: 30,
      classes: 4,
      ...TXNS,
      paidBillRatio: 0.5,
      linesPerTxn: 3,
    });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const refresh = (...kinds: string[]) => refreshFromQuickBooks({ app: setup.app, companyId, headers, session }, ...kinds);

  /** The straight sum from the company file: item lines on a job, per (job, item); expense lines are not attributable. */
  function expectedFromCompanyFile(ownBills: ReadonlySet<string>) {
    const sums = new Map<string, number>();
    for (const txn of [...company.bills.filter((b) => !ownBills.has(b.txnId)), ...company.checks, ...company.creditCardCharges]) {
      for (const line of txn.itemLines) {
        if (!line.customerId || !line.itemId || !linkedItems.has(line.itemId)) continue;
        const key = `${line.customerId}|${line.itemId}`;
        sums.set(key, (sums.get(key) ?? 0) + line.amount);
      }
    }
    return sums;
  }

  /** What Procore holds: the simulator's direct cost lines per (project, standard cost code) mapped back to (job, item). */
  async function directCostsInProcore() {
    const db = setup.testDb.database;
    const links = await db.prisma.recordLink.findMany({ where: { companyId } });
    const jobOfProject = new Map(links.filter((l) => l.procoreType === 'project').map((l) => [l.procoreId, l.qbId]));
    const itemOfCode = new Map(links.filter((l) => l.procoreType === 'cost_code').map((l) => [l.procoreId, l.qbId]));
    const store = setup.simulator.store;
    const sums = new Map<string, number>();
    for (const [projectId, jobId] of jobOfProject) {
      const projectCodes = new Map(store.costCodes.list(Number(projectId)).map((c) => [c.id, c.standard_cost_code_id ?? null]));
      for (const dc of store.directCosts.list(Number(projectId))) {
        for (const li of dc.line_items) {
          const itemId = itemOfCode.get(String(projectCodes.get(li.cost_code_id)));
          const key = `${jobId}|${itemId}`;
          sums.set(key, (sums.get(key) ?? 0) + Math.round(Number(li.amount) * 100));
        }
      }
    }
    return sums;
  }

  it('refreshes jobs, vendors and items, links the jobs, and imports 10,000 transactions with exact job-to-date totals', async () => {
    await refresh('jobs', 'vendors', 'items');
    const jobs = (await api('GET', '/imports/jobs?limit=500')).json();
    expect(jobs.total).toBe(company.customers.filter((c) => c.parentId).length);
    // Every QuickBooks item that stands for cost became (or matched) a Procore cost code; one that looks like a
    // code another item already holds is flagged in the audit trail, not merged.
    const items = (await api('GET', '/imports/items')).json();
    const unlinked = items.items.filter(
      (i: { procoreCostCode: unknown; itemType: string }) =>
        i.procoreCostCode === null && ['ItemService', 'ItemOtherCharge', 'ItemNonInventory'].includes(i.itemType),
    );
    expect(await setup.testDb.database.prisma.auditEntry.count({ where: { companyId, action: 'import.cost_code_failed' } })).toBe(0);
    const flagged = await setup.testDb.database.prisma.auditEntry.findMany({ where: { companyId, action: 'import.cost_code_conflict' } });
    expect(new Set(flagged.map((f) => f.subjectId))).toEqual(new Set(unlinked.map((i: { qbListId: string }) => i.qbListId)));
    linkedItems = new Set(items.items.filter((i: { procoreCostCode: unknown }) => i.procoreCostCode !== null).map((i: { qbListId: string }) => i.qbListId));
    // Create a Procore project for each job (the generated names match nothing in Procore).
    for (const job of jobs.items) {
      const created = await api('POST', `/imports/jobs/${job.qbListId}/create-project`);
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json().status).toBe('linked');
    }
    expect((await api('GET', '/imports/jobs?status=linked')).json().total).toBe(jobs.total);

    // One bill "came from our own invoice export": it must not be imported again as a direct cost.
    const ownBill = company.bills.find((b) => b.itemLines.some((l) => l.customerId && l.itemId))!;
    await setup.testDb.database.prisma.recordLink.create({
      data: { companyId, procoreType: 'invoice', procoreId: '999999', qbType: 'Bill', qbId: ownBill.txnId },
    });

    await refresh('job_costs');
    const stored = await setup.testDb.database.prisma.qbTransaction.count({ where: { companyId, txnType: { in: ['Bill', 'Check', 'CreditCardCharge'] } } });
    expect(stored).toBe(TXNS.bills + TXNS.checks + TXNS.creditCardCharges);
    expect(await directCostsInProcore()).toEqual(expectedFromCompanyFile(new Set([ownBill.txnId])));
    const failed = await setup.testDb.database.prisma.qbTransaction.count({ where: { companyId, pushErrorCode: { not: null } } });
    expect(failed).toBe(0);
  }, 900_000);

  it('re-running changes nothing (idempotent)', async () => {
    setup.simulator.resetStats();
    await refresh('job_costs');
    const writes = Object.entries(setup.simulator.stats().byRoute).filter(([route]) => !route.startsWith('GET '));
    expect(writes).toEqual([]);
  }, 300_000);

  it('edits and deletions in QuickBooks flow through on the next session', async () => {
    const ownBills = new Set((await setup.testDb.database.prisma.recordLink.findMany({ where: { companyId, procoreType: 'invoice' } })).map((l) => l.qbId));
    const edited = company.checks.find((c) => c.itemLines.some((l) => l.customerId && l.itemId))!;
    const line = edited.itemLines.find((l) => l.customerId && l.itemId)!;
    quickbooks.modifyTransactionLine(edited.txnId, line.txnLineId, { amountCents: line.amount + 12_345 });
    const deleted = company.creditCardCharges.find((c) => c.itemLines.some((l) => l.customerId && l.itemId))!;
    quickbooks.deleteTransaction(deleted.txnId);
    await refresh('job_costs');
    expect(await directCostsInProcore()).toEqual(expectedFromCompanyFile(ownBills));
    const audit = await setup.testDb.database.prisma.auditEntry.findMany({
      where: { companyId, action: 'import.procore_record_removed', subjectId: deleted.txnId },
    });
    expect(audit.length).toBeGreaterThan(0);
  }, 300_000);

  it("a Procore refusal leaves the transaction in the exception list with Procore's words; Retry now sends it once", async () => {
    const ownBills = new Set((await setup.testDb.database.prisma.recordLink.findMany({ where: { companyId, procoreType: 'invoice' } })).map((l) => l.qbId));
    const edited = company.checks.filter((c) => c.itemLines.some((l) => l.customerId && l.itemId && linkedItems.has(l.itemId)))[3]!;
    const line = edited.itemLines.find((l) => l.customerId && l.itemId && linkedItems.has(l.itemId))!;
    quickbooks.modifyTransactionLine(edited.txnId, line.txnLineId, { amountCents: line.amount + 500 });
    // Procore refuses every direct-cost write of this update (422 is not retried: the request itself was refused).
    setup.simulator.faults.failNext(1000, {
      status: 422,
      path: /direct_costs\/sync/,
      body: { errors: { base: ['Direct costs are locked for this project'] } },
    });
    await refresh('job_costs');
    const failed = await setup.testDb.database.prisma.qbTransaction.findMany({ where: { companyId, pushErrorCode: { not: null } } });
    expect(failed.map((t) => t.txnId)).toEqual([edited.txnId]);
    expect(failed[0]!.pushErrorMessage).toContain('Direct costs are locked for this project');
    expect(failed[0]!.needsPush).toBe(true);
    expect(await setup.testDb.database.prisma.auditEntry.count({ where: { companyId, action: 'import.push_failed', subjectId: edited.txnId } })).toBe(1);
    expect((await api('GET', '/job-costs')).json().failedTransactions).toBe(1);
    // The exception list says which transaction and why, in Procore's words.
    const failures = await api('GET', '/imports/failures');
    expect(failures.statusCode, failures.body).toBe(200);
    expect(failures.json()).toMatchObject({
      total: 1,
      items: [{ txnType: 'Check', txnId: edited.txnId, errorCode: failed[0]!.pushErrorCode, message: expect.stringContaining('Direct costs are locked') }],
    });
    // Procore takes writes again; "Retry now" sends the change, once, without waiting for the next QuickBooks read.
    setup.simulator.faults.clear();
    setup.simulator.resetStats();
    const retried = await api('POST', '/imports/failures/retry');
    expect(retried.json()).toEqual({ outcome: 'queued', failed: 1 });
    await setup.app.jobRunner.drain();
    expect(await setup.testDb.database.prisma.qbTransaction.count({ where: { companyId, pushErrorCode: { not: null } } })).toBe(0);
    expect((await api('GET', '/imports/failures')).json()).toEqual({ total: 0, items: [] });
    expect((await api('POST', '/imports/failures/retry')).json()).toEqual({ outcome: 'nothing_to_retry', failed: 0 });
    expect(await directCostsInProcore()).toEqual(expectedFromCompanyFile(ownBills));
    const writes = Object.entries(setup.simulator.stats().byRoute).filter(([route]) => !route.startsWith('GET '));
    expect(writes).toEqual([[expect.stringContaining('direct_costs/sync'), 1]]);
  }, 300_000);
});

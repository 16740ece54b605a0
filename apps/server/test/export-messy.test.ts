import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { runSessionsUntilIdle } from './support/refresh-from-quickbooks.ts';
import { signIn, type AuthHeaders } from './support/sign-in.ts';

// Export to QuickBooks into a messy company file (the generator's messyRate: names with '&', quotes, non-ASCII and
// trailing spaces, inactive entries, sub-jobs, names deleted and created again), on both databases. The Procore vendor
// carries the exact name of a messy QuickBooks vendor and the project a name with '&', quotes and accents: the vendor
// export meets QuickBooks' "name in use" (3100) and is matched to that vendor, not duplicated; the customer and job are
// created with the name exactly; the purchase order lands on them.
const FILE = {
  seed: 53,
  vendors: 24,
  customers: 3,
  jobsPerCustomer: 2,
  items: 16,
  classes: 2,
  bills: 20,
  purchaseOrders: 4,
  checks: 4,
  creditCardCharges: 4,
  paidBillRatio: 0.3,
  linesPerTxn: 3,
  messyRate: 0.35,
};
const PROJECT_NAME = 'Rivière & "Main" O\'Neil Lofts';

describe.each(await databaseKinds())('exporting into a messy QuickBooks company file (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let pick: { projectId: number; commitmentId: number; vendorId: number };
  let messyVendor: CompanyFile['vendors'][number];

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Messy Export GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = (await signIn(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'messy-export@example.com' })).headers;
    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    // A messy vendor QuickBooks already has ('&', a quote or an accent; no trailing space: Procore would not keep one).
    messyVendor = company.vendors.find((v) => v.isActive && /[&"']|[^\x00-\x7f]/.test(v.name) && v.name === v.name.trim())!;
    expect(messyVendor, 'the messy file has a vendor with & quotes or accents').toBeDefined();
    pick = chooseCommitment(setup);
    setup.simulator.edit.updateVendor(setup.simulator.companyId, pick.vendorId, { name: messyVendor.name });
    setup.simulator.edit.updateProject(setup.simulator.companyId, pick.projectId, { name: PROJECT_NAME });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    const saved = await api('PATCH', '/settings', {
      itemExpenseAccount: { listId: company.accounts.find((a) => a.name === 'Subcontractors')!.listId, fullName: 'Job Expenses:Subcontractors' },
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 240_000);
  afterAll(async () => setup?.close());

  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });

  it('a commitment goes: its vendor matched to the messy QuickBooks vendor (3100), the job created with its name exactly, one PO on them', async () => {
    const vendorsBefore = company.vendors.length;
    for (const action of ['send', 'approve'] as const) {
      const res = await api('POST', `/exports/commitment/${action}`, { procoreIds: [String(pick.commitmentId)] });
      expect(res.statusCode, res.body).toBe(200);
    }
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 8);

    const rows = await setup.testDb.database.prisma.exportRecord.findMany({ where: { companyId } });
    expect(rows.filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage])).toEqual([]);
    // The vendor: QuickBooks said the name is in use; the connector linked the existing vendor and added none.
    const vendorRow = rows.find((r) => r.recordType === 'vendor' && r.procoreId === String(pick.vendorId))!;
    expect(vendorRow.qbId).toBe(messyVendor.listId);
    expect(company.vendors).toHaveLength(vendorsBefore);
    expect(company.vendors.filter((v) => v.name === messyVendor.name)).toHaveLength(1);
    const matched = await setup.testDb.database.prisma.auditEntry.findMany({
      where: { companyId, action: 'export.matched_existing', subjectType: 'export_vendor' },
    });
    expect(matched.map((a) => a.subjectId)).toContain(String(pick.vendorId));
    // The job: named after the project exactly ('&', quotes, accents), under a customer.
    const job = company.customers.find((c) => c.parentId && c.name === PROJECT_NAME);
    expect(job, `a job named ${PROJECT_NAME}`).toBeDefined();
    // One purchase order for the commitment, on that vendor and job.
    const commitmentRow = rows.find((r) => r.recordType === 'commitment')!;
    const po = company.purchaseOrders.find((p) => p.txnId === commitmentRow.qbId)!;
    expect(po.vendorId).toBe(messyVendor.listId);
    expect(po.lines.length).toBeGreaterThan(0);
    for (const line of po.lines) expect(line.customerId).toBe(job!.listId);
  }, 600_000);
});

/** A seeded project with an approved commitment that has a vendor and lines with amounts. */
function chooseCommitment(setup: ProcoreTestSetup): { projectId: number; commitmentId: number; vendorId: number } {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    for (const commitment of store.commitments.list(project.id)) {
      if (commitment.vendor_id === null || !['Approved', 'Complete'].includes(String(commitment.status))) continue;
      if (store.commitmentLineItems.list(commitment.id).filter((l) => l.amount !== 0).length === 0) continue;
      return { projectId: project.id, commitmentId: commitment.id, vendorId: commitment.vendor_id };
    }
  }
  throw new Error('the seed has no approved commitment with a vendor and lines');
}

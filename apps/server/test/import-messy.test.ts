import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks } from './support/refresh-from-quickbooks.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Refresh Jobs / Vendors / Items and Update Job Costs against a messy company file (the generator's messyRate: names
// with '&', quotes, non-ASCII and trailing spaces, inactive entries, sub-jobs two levels deep, memos near 4095
// characters, names deleted and created again), on both databases: nothing is lost or mangled — every name comes
// back exactly, inactive entries are shown inactive, sub-jobs are listed with the reason they cannot be linked and
// refused when someone tries, and their costs are held back with that reason.
const FILE = {
  seed: 47,
  vendors: 24,
  customers: 3,
  jobsPerCustomer: 3,
  items: 16,
  classes: 2,
  bills: 40,
  purchaseOrders: 6,
  checks: 6,
  creditCardCharges: 6,
  paidBillRatio: 0.3,
  linesPerTxn: 3,
  messyRate: 0.35,
};

interface Entry {
  qbListId: string;
  fullName: string;
  name: string;
  customerName: string | null;
  isActive: boolean;
  status: string;
  suggestion: unknown;
  refusal: string | null;
}

describe.each(await databaseKinds())('imports from a messy QuickBooks company file (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let admin: AuthHeaders;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Messy GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'messy@example.com' });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    await refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, 'jobs', 'vendors', 'items', 'job_costs');
  }, 240_000);
  afterAll(async () => setup?.close());

  const db = () => setup.testDb.database;
  function api(method: 'GET' | 'POST', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: admin, ...(payload ? { payload } : {}) });
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  async function entries(k: 'jobs' | 'vendors'): Promise<Entry[]> {
    const res = await api('GET', `/imports/${k}?limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }
  const customerFullName = (listId: string): string => {
    const c = company.customers.find((x) => x.listId === listId)!;
    return c.parentId ? `${customerFullName(c.parentId)}:${c.name}` : c.name;
  };

  it('the file is messy enough to mean something', () => {
    const names = [...company.vendors, ...company.customers, ...company.items].map((e) => e.name);
    expect(
      names.some((n) => n.includes('&')) &&
        names.some((n) => /["']/.test(n)) &&
        names.some((n) => /[^\x00-\x7f]/.test(n)) &&
        names.some((n) => n !== n.trimEnd()),
    ).toBe(true);
    expect(company.customers.some((c) => c.parentId && company.customers.find((p) => p.listId === c.parentId)?.parentId)).toBe(true);
    expect(company.deleted.some((d) => d.type === 'Vendor')).toBe(true);
  });

  it('vendors: every name exactly as QuickBooks has it (& quotes accents trailing spaces), inactive shown inactive, re-created names not taken for deleted', async () => {
    const listed = await entries('vendors');
    const byId = new Map(listed.map((e) => [e.qbListId, e]));
    expect(listed).toHaveLength(company.vendors.length);
    for (const v of company.vendors) {
      const entry = byId.get(v.listId);
      expect(entry, `vendor ${JSON.stringify(v.name)}`).toBeDefined();
      expect(entry!.name).toBe(v.name);
      expect(entry!.fullName).toBe(v.name);
      expect(entry!.isActive).toBe(v.isActive);
    }
    // The old entries of re-created names were deleted in QuickBooks; the new ones with the same names are kept.
    const recreated = company.deleted.filter((d) => d.type === 'Vendor').map((d) => d.name);
    for (const name of recreated) expect(listed.some((e) => e.name === name)).toBe(true);
  });

  it('a Procore vendor created from a messy QuickBooks vendor carries its name (& quotes accents), linked by ListID', async () => {
    const messy = company.vendors.filter((v) => v.isActive && (/[&"']|[^\x00-\x7f]/.test(v.name) || v.name !== v.name.trimEnd()));
    expect(messy.length).toBeGreaterThan(0);
    for (const v of messy.slice(0, 3)) {
      const created = await api('POST', `/imports/vendors/${v.listId}/create-vendor`);
      expect(created.statusCode, created.body).toBe(200);
      const procoreVendor = setup.simulator.store.vendors.get(created.json().procoreVendor.id)!;
      expect(procoreVendor.origin_id).toBe(v.listId);
      // Procore gets the name without the trailing spaces QuickBooks kept (a person cannot see them); nothing else changes.
      expect(procoreVendor.name).toBe(v.name.trimEnd());
    }
  });

  it('jobs: every job and sub-job listed with its exact full name; sub-jobs carry the reason and are refused when linked', async () => {
    const listed = await entries('jobs');
    const jobs = company.customers.filter((c) => c.parentId);
    expect(listed).toHaveLength(jobs.length);
    const byId = new Map(listed.map((e) => [e.qbListId, e]));
    const subJobs = jobs.filter((j) => company.customers.find((p) => p.listId === j.parentId)?.parentId);
    expect(subJobs.length).toBeGreaterThan(0);
    for (const j of jobs) {
      const entry = byId.get(j.listId)!;
      expect(entry, j.name).toBeDefined();
      expect(entry.name).toBe(j.name);
      expect(entry.fullName).toBe(customerFullName(j.listId));
      expect(entry.isActive).toBe(j.isActive);
      // The customer is the top of the chain, for sub-jobs too.
      expect(entry.customerName).toBe(customerFullName(j.listId).split(':')[0]);
      if (subJobs.includes(j)) {
        expect(entry.refusal).toContain('is a sub-job in QuickBooks');
        expect(entry.suggestion).toBeNull();
      } else {
        expect(entry.refusal).toBeNull();
      }
    }
    const projects = setup.simulator.store.projects.list(setup.simulator.companyId);
    const refused = await api('POST', `/imports/jobs/${subJobs[0]!.listId}/link`, { procoreProjectId: projects[0]!.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'SUB_JOB_NOT_SUPPORTED',
      message: expect.stringContaining(`"${customerFullName(subJobs[0]!.listId)}" is a sub-job`),
    });
    const create = await api('POST', `/imports/jobs/${subJobs[0]!.listId}/create-project`);
    expect(create.json().error?.code).toBe('SUB_JOB_NOT_SUPPORTED');
    expect(await db().prisma.recordLink.count({ where: { companyId, qbId: subJobs[0]!.listId } })).toBe(0);
    // A sub-job can still be archived (put out of sight), like any entry.
    expect((await api('POST', `/imports/jobs/${subJobs[0]!.listId}/archive`)).statusCode).toBe(200);
  });

  it('items: every item name exactly, inactive shown inactive', async () => {
    const res = await api('GET', '/imports/items');
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map((res.json().items as Array<{ qbListId: string; fullName: string; isActive: boolean }>).map((i) => [i.qbListId, i]));
    const itemFullName = (listId: string): string => {
      const i = company.items.find((x) => x.listId === listId)!;
      return i.parentId ? `${itemFullName(i.parentId)}:${i.name}` : i.name;
    };
    for (const item of company.items.filter((i) => ['Service', 'OtherCharge', 'NonInventory'].includes(i.itemType))) {
      const listed = byId.get(item.listId);
      expect(listed, item.name).toBeDefined();
      expect(listed!.fullName).toBe(itemFullName(item.listId));
      expect(listed!.isActive).toBe(item.isActive);
    }
  });

  it('job costs: long memos kept whole, cost lines on sub-jobs held back as JOB_NOT_LINKED', async () => {
    const longMemos = company.bills.filter((b) => (b.memo?.length ?? 0) > 4000);
    expect(longMemos.length).toBeGreaterThan(0);
    for (const bill of longMemos) {
      const stored = await db().prisma.qbTransaction.findFirst({ where: { companyId, txnId: bill.txnId } });
      expect(stored, 'the bill with a long memo was read').not.toBeNull();
      expect((stored!.data as { memo?: string }).memo).toBe(bill.memo);
    }
    const subJobIds = company.customers.filter((j) => j.parentId && company.customers.find((p) => p.listId === j.parentId)?.parentId).map((j) => j.listId);
    const onSubJobs = await db().prisma.qbCostLine.findMany({ where: { companyId, jobListId: { in: subJobIds } } });
    expect(onSubJobs.length).toBeGreaterThan(0);
    for (const line of onSubJobs) {
      expect(line.procoreProjectId).toBeNull();
      expect(line.unattributedCode).toBe('JOB_NOT_LINKED');
    }
  });
});

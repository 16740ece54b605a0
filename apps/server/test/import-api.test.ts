import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile, type Customer, type Item, type Vendor } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks, runSessionsUntilIdle } from './support/refresh-from-quickbooks.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// The JSON API of Refresh Jobs / Vendors / Items and the reconciliation report (QuickBooks to Procore), over HTTP on the
// real server with the Procore simulator and a small generated QuickBooks company file: the Jobs and Vendors
// lists (filters, search, sort, paging), linking by hand and in bulk (origin_id written in Procore), creating
// Procore records from QuickBooks ones, archiving, the items list, refresh and its status, the job-cost
// overview and report as JSON and CSV — with the roles each action needs and the errors bad input gets.
// The route tests count vendors and items exactly: without the extra item types (and the sales tax agency vendor)
// the generator adds by default; import-lists.test.ts covers those.
const FILE = {
  seed: 11,
  otherItemTypes: false,
  vendors: 8,
  customers: 3,
  jobsPerCustomer: 2,
  items: 8,
  classes: 2,
  bills: 30,
  checks: 30,
  creditCardCharges: 30,
  paidBillRatio: 0.5,
  linesPerTxn: 3,
};
const FORMULA_NAME = '=SUM(A1+A2)';
const CSV_HEADER = [
  'Cost code',
  'Cost code name',
  'Committed (Procore)',
  'Invoiced (Procore)',
  'Billed against commitments (QuickBooks)',
  'Billed (QuickBooks)',
  'Retainage withheld (QuickBooks)',
  'Job to date (QuickBooks)',
  'Paid (QuickBooks)',
  'Not in Procore (QuickBooks)',
  'Differences',
];
const CSV_AMOUNTS = [
  'committedCents',
  'invoicedCents',
  'billedFromCommitmentsCents',
  'billedCents',
  'retainageCents',
  'jobToDateCents',
  'paidCents',
  'unattributedCents',
] as const;
const MANAGE_ROLES = ['project_manager', 'admin'];

interface Entry {
  qbListId: string;
  fullName: string;
  name: string;
  customerName: string | null;
  isActive: boolean;
  status: string;
  procoreProject?: { id: number; name: string } | null;
  procoreVendor?: { id: number; name: string } | null;
  suggestion: { id: number; name: string; reason: string } | null;
  duplicates: Array<{ qbListId: string; name: string }>;
  qbModifiedAt: string;
}
interface EntryList {
  total: number;
  counts: Record<'linked' | 'suggested' | 'unlinked' | 'archived', number>;
  items: Entry[];
}
type Amount = (typeof CSV_AMOUNTS)[number];
interface ReportRow extends Record<Amount, number> {
  costCode: { standardCostCodeId: number | null; code: string | null; name: string | null };
  differences: Array<{ kind: string; message: string }>;
}
interface Report {
  asOf: string;
  procoreProjectId: number;
  projectName: string | null;
  rows: ReportRow[];
  totals: Record<Amount | 'rowsWithDifferences', number>;
}

/** RFC 4180 (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
const toCents = (text: string) => Math.round(Number(text) * 100);
const ids = (list: EntryList) => new Set(list.items.map((i) => i.qbListId));

describe.each(await databaseKinds())('Jobs, Vendors and Job costs JSON API (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let procoreCompanyId: number;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  /** Every role; a project manager only; an accountant only (reads, no linking). */
  let admin: AuthHeaders;
  let manager: AuthHeaders;
  let accountant: AuthHeaders;

  // Procore side (seeded): four projects; active vendors and one inactive vendor.
  let projects: Array<{ id: number; name: string }>;
  let pVendorSuggested: { id: number; name: string };
  let pVendorManual: { id: number; name: string };
  let pVendorInactive: { id: number; name: string };
  // QuickBooks side, renamed before the first refresh so the suggestions are known:
  //   jobs[0] = project 0's name → suggested; jobs[1] = project 1's name in lower case → suggested (ignoring case);
  //   jobs[2] linked by hand to project 2; jobs[3] → create-project; jobs[4] = project 3's name → suggested, archived;
  //   jobs[5] stays unlinked.
  //   vendors[0] = an active Procore vendor's name → suggested; vendors[1] linked by hand; vendors[2] → create-vendor;
  //   vendors[3] = vendors[4]'s name + ", LLC" → duplicates flagged; vendors[5] = the inactive Procore vendor's name → unlinked.
  let jobs: Customer[];
  let vendors: Vendor[];
  let formulaItem: Item;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    procoreCompanyId = setup.simulator.companyId;
    companyId = (await createCompany(db, { procoreCompanyId: String(procoreCompanyId), name: 'Import API GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'admin@example.com' });
    manager = await signInAs(setup, { companyId, roles: ['project_manager'], login: 'pm@example.com' });
    accountant = await signInAs(setup, { companyId, roles: ['accountant'], login: 'accountant@example.com' });
    expect((await api(admin, 'POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api(admin, 'POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    const store = setup.simulator.store;
    projects = store.projects.list(procoreCompanyId).map((p) => ({ id: p.id, name: p.name }));
    expect(projects.length).toBeGreaterThanOrEqual(4);
    const activeVendors = store.vendors.list(procoreCompanyId).filter((v) => v.is_active);
    [pVendorSuggested, pVendorManual] = activeVendors.slice(2, 4).map((v) => ({ id: v.id, name: v.name })) as [typeof pVendorSuggested, typeof pVendorManual];
    const inactive = store.vendors.list(procoreCompanyId).find((v) => !v.is_active)!;
    pVendorInactive = { id: inactive.id, name: inactive.name };

    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    jobs = company.customers.filter((c) => c.parentId);
    vendors = [...company.vendors];
    expect(jobs).toHaveLength(6);
    expect(vendors).toHaveLength(8);
    quickbooks.modifyListEntry(jobs[0]!.listId, (rec) => {
      rec.name = projects[0]!.name;
    });
    quickbooks.modifyListEntry(jobs[1]!.listId, (rec) => {
      rec.name = projects[1]!.name.toLowerCase();
    });
    quickbooks.modifyListEntry(jobs[4]!.listId, (rec) => {
      rec.name = projects[3]!.name;
    });
    quickbooks.modifyListEntry(vendors[0]!.listId, (rec) => {
      rec.name = pVendorSuggested.name;
    });
    quickbooks.modifyListEntry(vendors[3]!.listId, (rec) => {
      rec.name = `${vendors[4]!.name}, LLC`;
    });
    quickbooks.modifyListEntry(vendors[5]!.listId, (rec) => {
      rec.name = pVendorInactive.name;
    });
    // The item most used on jobs[0] gets a name a spreadsheet would run as a formula: it becomes a Procore cost code
    // of that name, and a row of project 0's reconciliation CSV.
    const uses = new Map<string, number>();
    for (const txn of [...company.bills, ...company.checks, ...company.creditCardCharges]) {
      for (const line of txn.itemLines) if (line.customerId === jobs[0]!.listId && line.itemId) uses.set(line.itemId, (uses.get(line.itemId) ?? 0) + 1);
    }
    const [itemId] = [...uses].sort((a, b) => b[1] - a[1])[0]!;
    formulaItem = company.items.find((i) => i.listId === itemId)!;
    quickbooks.modifyListEntry(formulaItem.listId, (rec) => {
      rec.name = FORMULA_NAME;
    });

    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    await refresh('jobs', 'vendors', 'items');
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(headers: Record<string, string>, method: 'GET' | 'POST', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  }
  async function list(kindPath: 'jobs' | 'vendors', query = ''): Promise<EntryList> {
    const response = await api(admin, 'GET', `/imports/${kindPath}${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const runSessions = () => runSessionsUntilIdle(setup.app, session);
  const refresh = (...kinds: string[]) => refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, ...kinds);
  const store = () => setup.simulator.store;

  it('lists the jobs with counts, suggestions (and why), status filter, search, sort and paging', async () => {
    const all = await list('jobs', 'limit=500');
    expect(all.total).toBe(6);
    expect(all.counts).toEqual({ linked: 0, suggested: 3, unlinked: 3, archived: 0 });
    expect(all.items.map((i) => i.fullName)).toEqual([...all.items.map((i) => i.fullName)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const parentOf = (job: Customer) => company.customers.find((c) => c.listId === job.parentId)!.name;
    const first = all.items.find((i) => i.qbListId === jobs[0]!.listId)!;
    expect(first).toEqual({
      qbListId: jobs[0]!.listId,
      fullName: `${parentOf(jobs[0]!)}:${projects[0]!.name}`,
      name: projects[0]!.name,
      customerName: parentOf(jobs[0]!),
      isActive: true,
      status: 'suggested',
      procoreProject: null,
      suggestion: { id: projects[0]!.id, name: projects[0]!.name, reason: `Same name as Procore project "${projects[0]!.name}"` },
      duplicates: [],
      refusal: null,
      qbModifiedAt: expect.any(String),
    });
    expect(first).not.toHaveProperty('procoreVendor');
    const second = all.items.find((i) => i.qbListId === jobs[1]!.listId)!;
    expect(second.suggestion).toEqual({
      id: projects[1]!.id,
      name: projects[1]!.name,
      reason: `Same name as Procore project "${projects[1]!.name}" (ignoring case)`,
    });
    for (const job of [jobs[2]!, jobs[3]!, jobs[5]!])
      expect(all.items.find((i) => i.qbListId === job.listId)).toMatchObject({ status: 'unlinked', suggestion: null, procoreProject: null });

    const suggested = await list('jobs', 'status=suggested');
    expect(suggested.total).toBe(3);
    expect(ids(suggested)).toEqual(new Set([jobs[0]!.listId, jobs[1]!.listId, jobs[4]!.listId]));
    expect(suggested.counts).toEqual(all.counts);
    expect((await list('jobs', 'status=linked')).items).toEqual([]);

    // Search: case-insensitive, on the full name.
    const lowerName = jobs[5]!.name.toLowerCase();
    expect(ids(await list('jobs', `search=${encodeURIComponent(lowerName)}`))).toEqual(new Set([jobs[5]!.listId]));
    const parent = parentOf(jobs[0]!);
    expect(ids(await list('jobs', `search=${encodeURIComponent(parent.toUpperCase())}`))).toEqual(
      new Set(jobs.filter((j) => j.parentId === jobs[0]!.parentId).map((j) => j.listId)),
    );
    expect((await list('jobs', 'search=no-such-job-anywhere')).total).toBe(0);

    // Sort and paging.
    const byName = all.items.map((i) => i.qbListId);
    expect((await list('jobs', 'sort=-name')).items.map((i) => i.qbListId)).toEqual([...byName].reverse());
    const oldest = (await list('jobs', 'sort=modified')).items.map((i) => i.qbModifiedAt);
    expect(oldest).toEqual([...oldest].sort());
    const newest = (await list('jobs', 'sort=-modified')).items.map((i) => i.qbModifiedAt);
    expect(newest).toEqual([...oldest].sort().reverse());
    const page1 = await list('jobs', 'limit=2&offset=0');
    const page2 = await list('jobs', 'limit=2&offset=2');
    const page4 = await list('jobs', 'limit=2&offset=6');
    expect([page1.total, page2.total, page4.total]).toEqual([6, 6, 6]);
    expect([...page1.items, ...page2.items].map((i) => i.qbListId)).toEqual(byName.slice(0, 4));
    expect(page4.items).toEqual([]);
  });

  it('lists the vendors with the suggestion, duplicate flags, and no suggestion of an inactive Procore vendor', async () => {
    const all = await list('vendors', 'limit=500');
    expect(all.total).toBe(8);
    expect(all.counts).toEqual({ linked: 0, suggested: 1, unlinked: 7, archived: 0 });
    const suggested = all.items.find((i) => i.qbListId === vendors[0]!.listId)!;
    expect(suggested).toMatchObject({
      status: 'suggested',
      customerName: null,
      procoreVendor: null,
      suggestion: { id: pVendorSuggested.id, name: pVendorSuggested.name, reason: `Same name as Procore company "${pVendorSuggested.name}"` },
    });
    expect(suggested).not.toHaveProperty('procoreProject');
    expect(all.items.find((i) => i.qbListId === vendors[3]!.listId)!.duplicates).toEqual([{ qbListId: vendors[4]!.listId, name: vendors[4]!.name }]);
    expect(all.items.find((i) => i.qbListId === vendors[4]!.listId)!.duplicates).toEqual([{ qbListId: vendors[3]!.listId, name: `${vendors[4]!.name}, LLC` }]);
    expect(all.items.find((i) => i.qbListId === vendors[5]!.listId)).toMatchObject({ name: pVendorInactive.name, status: 'unlinked', suggestion: null });
    expect(all.items.filter((i) => i.duplicates.length > 0)).toHaveLength(2);
  });

  it('answers bad input with 400 and an unknown company with 404', async () => {
    const bad = [
      '/imports/widgets',
      '/imports/jobs?status=maybe',
      '/imports/jobs?limit=0',
      '/imports/jobs?limit=501',
      '/imports/jobs?offset=-1',
      '/imports/jobs?sort=size',
      `/imports/vendors?search=${'x'.repeat(101)}`,
    ];
    for (const path of bad) {
      const response = await api(admin, 'GET', path);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().code, path).toBe('VALIDATION');
    }
    const other = await setup.app.inject({ method: 'GET', url: '/api/companies/00000000-0000-4000-8000-000000000000/imports/jobs', headers: admin });
    expect(other.statusCode).toBe(404);
  });

  it('lets any member read, but only a project manager or admin link, create, archive or refresh (403 otherwise)', async () => {
    for (const path of ['/imports/jobs', '/imports/vendors?status=suggested', '/imports/items', '/imports/status', '/job-costs']) {
      expect((await api(accountant, 'GET', path)).statusCode, path).toBe(200);
    }
    const before = await list('jobs');
    const refused: Array<[string, object | undefined]> = [
      [`/imports/jobs/${jobs[2]!.listId}/link`, { procoreProjectId: projects[2]!.id }],
      [`/imports/vendors/${vendors[1]!.listId}/link`, { procoreVendorId: pVendorManual.id }],
      [`/imports/jobs/${jobs[3]!.listId}/create-project`, undefined],
      [`/imports/vendors/${vendors[2]!.listId}/create-vendor`, undefined],
      [`/imports/jobs/${jobs[5]!.listId}/archive`, undefined],
      [`/imports/jobs/${jobs[5]!.listId}/unarchive`, undefined],
      ['/imports/jobs/link-suggested', undefined],
      ['/imports/vendors/link-suggested', undefined],
      ['/imports/refresh', { kind: 'jobs' }],
    ];
    for (const [path, body] of refused) {
      const response = await api(accountant, 'POST', path, body);
      expect(response.statusCode, path).toBe(403);
      expect(response.json(), path).toMatchObject({ code: 'FORBIDDEN_ROLE', error: { details: { requiredRoles: MANAGE_ROLES, yourRoles: ['accountant'] } } });
    }
    // Nothing happened: no links, nothing archived, nothing created in Procore, no refresh queued.
    expect(await list('jobs')).toEqual(before);
    expect(await setup.testDb.database.prisma.recordLink.count({ where: { companyId, procoreType: { in: ['project', 'vendor'] } } })).toBe(0);
    expect(await setup.testDb.database.prisma.queuedRequest.count({ where: { companyId, status: 'queued' } })).toBe(0);
    // Not signed in: 401; signed in without the CSRF token: 403.
    expect((await setup.app.inject({ method: 'GET', url: `/api/companies/${companyId}/imports/jobs` })).statusCode).toBe(401);
    const noCsrf = await setup.app.inject({
      method: 'POST',
      url: `/api/companies/${companyId}/imports/jobs/link-suggested`,
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
  });

  it('links a job to a Procore project by hand (origin_id written), answers the same link again, refuses conflicts (409), unknown ids (404) and bad bodies (400)', async () => {
    const path = `/imports/jobs/${jobs[2]!.listId}/link`;
    // A project manager (without admin) may link.
    const linked = await api(manager, 'POST', path, { procoreProjectId: projects[2]!.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual({ status: 'linked', procoreProject: { id: projects[2]!.id, name: projects[2]!.name } });
    await setup.app.jobRunner.drain();
    expect(store().projects.get(projects[2]!.id)!.origin_id).toBe(jobs[2]!.listId);
    expect((await list('jobs', 'status=linked')).items).toEqual([
      expect.objectContaining({ qbListId: jobs[2]!.listId, status: 'linked', procoreProject: { id: projects[2]!.id, name: projects[2]!.name } }),
    ]);

    // The same link again: the same answer, nothing new.
    const again = await api(admin, 'POST', path, { procoreProjectId: projects[2]!.id });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(linked.json());
    expect(await setup.testDb.database.prisma.recordLink.count({ where: { companyId, procoreType: 'project' } })).toBe(1);

    // The project is taken by another job; the job is taken by another project.
    const taken = await api(admin, 'POST', `/imports/jobs/${jobs[5]!.listId}/link`, { procoreProjectId: projects[2]!.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'ALREADY_LINKED', message: expect.stringContaining(projects[2]!.name) });
    const relink = await api(admin, 'POST', path, { procoreProjectId: projects[3]!.id });
    expect(relink.statusCode).toBe(409);
    expect(relink.json().code).toBe('ALREADY_LINKED');
    expect(store().projects.get(projects[3]!.id)!.origin_id).toBeNull();

    // Unknown QuickBooks job, a customer (not a job), an unknown Procore project: 404.
    for (const [listId, body] of [
      ['80009999-1234567890', { procoreProjectId: projects[3]!.id }],
      [jobs[5]!.parentId!, { procoreProjectId: projects[3]!.id }],
      [jobs[5]!.listId, { procoreProjectId: 999_999_999 }],
    ] as const) {
      const response = await api(admin, 'POST', `/imports/jobs/${listId}/link`, body);
      expect(response.statusCode, listId).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
    // Wrong bodies: 400, and nothing linked.
    for (const body of [
      {},
      { procoreVendorId: pVendorManual.id },
      { procoreProjectId: 'abc' },
      { procoreProjectId: 0 },
      { procoreProjectId: projects[3]!.id, extra: true },
    ]) {
      const response = await api(admin, 'POST', `/imports/jobs/${jobs[5]!.listId}/link`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe('VALIDATION');
    }
    expect((await api(admin, 'POST', `/imports/jobs/${jobs[5]!.listId}/link`, {})).json().message).toBe('procoreProjectId is required.');
    expect((await list('jobs')).counts.linked).toBe(1);
  });

  it('links a vendor to a Procore vendor by hand with procoreVendorId (origin_id written)', async () => {
    const path = `/imports/vendors/${vendors[1]!.listId}/link`;
    const wrongKey = await api(admin, 'POST', path, { procoreProjectId: pVendorManual.id });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json().message).toBe('procoreVendorId is required.');
    const linked = await api(admin, 'POST', path, { procoreVendorId: pVendorManual.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual({ status: 'linked', procoreVendor: { id: pVendorManual.id, name: pVendorManual.name } });
    await setup.app.jobRunner.drain();
    expect(store().vendors.get(pVendorManual.id)!.origin_id).toBe(vendors[1]!.listId);
    const taken = await api(admin, 'POST', `/imports/vendors/${vendors[6]!.listId}/link`, { procoreVendorId: pVendorManual.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('ALREADY_LINKED');
    expect((await api(admin, 'POST', '/imports/vendors/80009999-1234567890/link', { procoreVendorId: pVendorManual.id })).statusCode).toBe(404);
    expect((await api(admin, 'POST', `/imports/vendors/${vendors[6]!.listId}/link`, { procoreVendorId: projects[0]!.id })).statusCode).toBe(404);
    expect((await list('vendors', 'status=linked')).items.map((i) => [i.qbListId, i.procoreVendor])).toEqual([
      [vendors[1]!.listId, { id: pVendorManual.id, name: pVendorManual.name }],
    ]);
  });

  it('creates a Procore project from a job and a Procore vendor from a vendor, linked, with origin_id = ListID', async () => {
    const project = await api(admin, 'POST', `/imports/jobs/${jobs[3]!.listId}/create-project`);
    expect(project.statusCode, project.body).toBe(200);
    const created = project.json();
    expect(created).toEqual({ status: 'linked', procoreProject: { id: expect.any(Number), name: jobs[3]!.name } });
    expect(projects.map((p) => p.id)).not.toContain(created.procoreProject.id);
    await setup.app.jobRunner.drain();
    expect(store().projects.get(created.procoreProject.id)).toMatchObject({ name: jobs[3]!.name, origin_id: jobs[3]!.listId, company_id: procoreCompanyId });
    // Twice: the job is linked already.
    const twice = await api(admin, 'POST', `/imports/jobs/${jobs[3]!.listId}/create-project`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_LINKED');
    expect(store().projects.list(procoreCompanyId)).toHaveLength(projects.length + 1);

    const vendor = await api(manager, 'POST', `/imports/vendors/${vendors[2]!.listId}/create-vendor`);
    expect(vendor.statusCode, vendor.body).toBe(200);
    const procoreVendorId: number = vendor.json().procoreVendor.id;
    expect(vendor.json()).toEqual({ status: 'linked', procoreVendor: { id: procoreVendorId, name: store().vendors.get(procoreVendorId)!.name } });
    await setup.app.jobRunner.drain();
    expect(store().vendors.get(procoreVendorId)!.origin_id).toBe(vendors[2]!.listId);

    // The action must fit the list; unknown entries are 404.
    const mismatch = await api(admin, 'POST', `/imports/jobs/${jobs[5]!.listId}/create-vendor`);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().code).toBe('VALIDATION');
    expect((await api(admin, 'POST', `/imports/vendors/${vendors[6]!.listId}/create-project`)).statusCode).toBe(400);
    expect((await api(admin, 'POST', '/imports/jobs/80009999-1234567890/create-project')).json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await list('jobs')).counts).toEqual({ linked: 2, suggested: 3, unlinked: 1, archived: 0 });
  });

  it('archives a suggested job out of the suggested list, links exactly the suggested ones in bulk, and unarchives it back', async () => {
    const archived = await api(manager, 'POST', `/imports/jobs/${jobs[4]!.listId}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toEqual({ status: 'archived' });
    const suggested = await list('jobs', 'status=suggested');
    expect(ids(suggested)).toEqual(new Set([jobs[0]!.listId, jobs[1]!.listId]));
    expect(suggested.counts).toEqual({ linked: 2, suggested: 2, unlinked: 1, archived: 1 });
    expect((await list('jobs', 'status=archived')).items).toEqual([
      expect.objectContaining({ qbListId: jobs[4]!.listId, status: 'archived', suggestion: null }),
    ]);
    expect((await api(admin, 'POST', '/imports/jobs/80009999-1234567890/archive')).statusCode).toBe(404);
    expect((await api(admin, 'POST', `/imports/vendors/${jobs[5]!.listId}/archive`)).statusCode).toBe(404);

    // Bulk: the two suggested jobs, not the archived one.
    const bulk = await api(admin, 'POST', '/imports/jobs/link-suggested');
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json()).toEqual({ linked: 2, failed: [] });
    await setup.app.jobRunner.drain();
    expect(store().projects.get(projects[0]!.id)!.origin_id).toBe(jobs[0]!.listId);
    expect(store().projects.get(projects[1]!.id)!.origin_id).toBe(jobs[1]!.listId);
    expect(store().projects.get(projects[3]!.id)!.origin_id).toBeNull();
    const linked = await list('jobs', 'status=linked');
    expect(new Map(linked.items.map((i) => [i.qbListId, i.procoreProject?.id]))).toEqual(
      new Map([
        [jobs[0]!.listId, projects[0]!.id],
        [jobs[1]!.listId, projects[1]!.id],
        [jobs[2]!.listId, projects[2]!.id],
        [jobs[3]!.listId, expect.any(Number)],
      ]),
    );
    expect(linked.counts).toEqual({ linked: 4, suggested: 0, unlinked: 1, archived: 1 });
    expect((await api(admin, 'POST', '/imports/jobs/link-suggested')).json()).toEqual({ linked: 0, failed: [] });

    // Unarchived: back in the suggested list with its suggestion.
    const restored = await api(admin, 'POST', `/imports/jobs/${jobs[4]!.listId}/unarchive`);
    expect(restored.json()).toEqual({ status: 'unarchived' });
    const back = await list('jobs', 'status=suggested');
    expect(back.items).toEqual([expect.objectContaining({ qbListId: jobs[4]!.listId, suggestion: expect.objectContaining({ id: projects[3]!.id }) })]);
    expect(back.counts).toEqual({ linked: 4, suggested: 1, unlinked: 1, archived: 0 });
    expect((await list('jobs', 'status=archived')).total).toBe(0);

    // Vendors: only the one suggested vendor (not the one named like the inactive Procore vendor).
    const vendorBulk = await api(admin, 'POST', '/imports/vendors/link-suggested');
    expect(vendorBulk.json()).toEqual({ linked: 1, failed: [] });
    await setup.app.jobRunner.drain();
    expect(store().vendors.get(pVendorSuggested.id)!.origin_id).toBe(vendors[0]!.listId);
    expect(store().vendors.get(pVendorInactive.id)!.origin_id).toBeNull();
    expect((await list('vendors')).counts).toEqual({ linked: 3, suggested: 0, unlinked: 5, archived: 0 });
  });

  it('lists the QuickBooks items with the Procore cost code each became', async () => {
    const response = await api(admin, 'GET', '/imports/items');
    expect(response.statusCode).toBe(200);
    const items: Array<{
      qbListId: string;
      fullName: string;
      itemType: string | null;
      isActive: boolean;
      procoreCostCode: { id: number; code: string } | null;
    }> = response.json().items;
    expect(items.map((i) => i.qbListId).sort()).toEqual(company.items.map((i) => i.listId).sort());
    expect(items.map((i) => i.fullName)).toEqual([...items.map((i) => i.fullName)].sort());
    for (const item of items) expect(['ItemService', 'ItemOtherCharge']).toContain(item.itemType);
    const formula = items.find((i) => i.qbListId === formulaItem.listId)!;
    expect(formula.fullName).toContain(FORMULA_NAME);
    expect(formula.procoreCostCode).toEqual({ id: expect.any(Number), code: expect.any(String) });
    expect(store().standardCostCodes.get(formula.procoreCostCode!.id)).toMatchObject({ name: FORMULA_NAME, origin_id: formulaItem.listId });
    // Every linked item's code is a Procore standard cost code.
    for (const item of items.filter((i) => i.procoreCostCode)) expect(store().standardCostCodes.get(item.procoreCostCode!.id), item.fullName).toBeDefined();
  });

  it('queues a refresh (202), answers "already_queued" to a second click, and reports it in the status until a session reads it', async () => {
    const status0 = (await api(admin, 'GET', '/imports/status')).json();
    expect(status0.refreshes.map((r: { kind: string }) => r.kind)).toEqual(['jobs', 'vendors', 'items', 'job_costs']);
    for (const r of status0.refreshes.filter((r: { kind: string }) => r.kind !== 'job_costs')) {
      expect(r).toMatchObject({ everyHours: 1, pending: false, lastRequestedAt: expect.any(String), lastCompletedAt: expect.any(String) });
    }
    expect(status0.refreshes[3]).toEqual({ kind: 'job_costs', everyHours: 2, lastRequestedAt: null, lastCompletedAt: null, nextDueAt: null, pending: false });

    for (const body of [{ kind: 'payroll' }, {}, { kind: 'jobs', extra: 1 }]) {
      const bad = await api(admin, 'POST', '/imports/refresh', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    const click = { ...manager, 'idempotency-key': 'refresh-job-costs-1' };
    const first = await api(click, 'POST', '/imports/refresh', { kind: 'job_costs' });
    expect(first.statusCode, first.body).toBe(202);
    const queued = first.json();
    expect(queued).toEqual({ kind: 'job_costs', outcome: 'queued', queuedAt: expect.any(String) });
    // The web app's retry of the same click (same Idempotency-Key) gets the first answer replayed.
    const retry = await api(click, 'POST', '/imports/refresh', { kind: 'job_costs' });
    expect(retry.statusCode).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(queued);
    const second = await api(admin, 'POST', '/imports/refresh', { kind: 'job_costs' });
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual({ kind: 'job_costs', outcome: 'already_queued', queuedAt: queued.queuedAt });

    const pending = (await api(accountant, 'GET', '/imports/status')).json().refreshes[3];
    expect(pending).toEqual({
      kind: 'job_costs',
      everyHours: 2,
      pending: true,
      lastRequestedAt: queued.queuedAt,
      lastCompletedAt: null,
      nextDueAt: new Date(Date.parse(queued.queuedAt) + 2 * 3_600_000).toISOString(),
    });
    await runSessions();
    const done = (await api(admin, 'GET', '/imports/status')).json().refreshes[3];
    expect(done).toMatchObject({ pending: false, lastRequestedAt: queued.queuedAt, lastCompletedAt: expect.any(String) });
    expect(Date.parse(done.lastCompletedAt)).toBeGreaterThanOrEqual(Date.parse(queued.queuedAt));
    expect(await setup.testDb.database.prisma.qbTransaction.count({ where: { companyId, txnType: { in: ['Bill', 'Check', 'CreditCardCharge'] } } })).toBe(
      FILE.bills + FILE.checks + FILE.creditCardCharges,
    );
  }, 120_000);

  it('lists the linked projects with their QuickBooks job-to-date figures', async () => {
    const response = await api(accountant, 'GET', '/job-costs');
    expect(response.statusCode).toBe(200);
    const overview = response.json();
    expect(overview).toMatchObject({ asOf: expect.any(String), failedTransactions: 0 });
    const byId = new Map<number, { name: string; qbJob: string | null; jobToDateCents: number; billedCents: number; unattributedCents: number }>(
      overview.projects.map((p: { procoreProjectId: number }) => [p.procoreProjectId, p]),
    );
    expect([...byId.keys()].sort()).toEqual(expect.arrayContaining([projects[0]!.id, projects[1]!.id, projects[2]!.id]));
    expect(byId.size).toBe(4);
    const first = byId.get(projects[0]!.id)!;
    const jobs0 = (await list('jobs')).items.find((i) => i.qbListId === jobs[0]!.listId)!;
    expect(first).toMatchObject({ name: projects[0]!.name, qbJob: jobs0.fullName });
    expect(first.jobToDateCents).toBeGreaterThan(0);
  });

  it('reports a project per cost code as JSON and as a CSV with the same totals, safe to open in a spreadsheet', async () => {
    const projectId = projects[0]!.id;
    const json = await api(accountant, 'GET', `/job-costs/${projectId}`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const report: Report = json.json();
    expect(report).toMatchObject({ asOf: expect.any(String), procoreProjectId: projectId, projectName: projects[0]!.name });
    expect(report.rows.length).toBeGreaterThan(1);
    for (const field of CSV_AMOUNTS) expect(report.totals[field], field).toBe(report.rows.reduce((sum, row) => sum + row[field], 0));
    expect(report.totals.rowsWithDifferences).toBe(report.rows.filter((r) => r.differences.length > 0).length);
    // Procore's committed figures and QuickBooks' figures both reached it; QuickBooks' match the overview.
    expect(report.totals.committedCents).toBeGreaterThan(0);
    const overview = (await api(admin, 'GET', '/job-costs')).json().projects.find((p: { procoreProjectId: number }) => p.procoreProjectId === projectId);
    expect(report.totals.jobToDateCents).toBe(overview.jobToDateCents);
    expect(report.totals.billedCents).toBe(overview.billedCents);
    expect(report.totals.unattributedCents).toBe(overview.unattributedCents);
    const formulaRow = report.rows.find((r) => r.costCode.name === FORMULA_NAME)!;
    expect(formulaRow.jobToDateCents).toBeGreaterThan(0);

    const csv = await api(accountant, 'GET', `/job-costs/${projectId}.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="job-costs-${projectId}.csv"`);
    expect(csv.body.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv.body);
    expect(header).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(report.rows.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
    const total = rows.at(-1)!;
    expect(total[0]).toBe('Total');
    // Columns 2–9 in CSV order = CSV_AMOUNTS; each row as in the JSON, in the same order, and the totals equal.
    CSV_AMOUNTS.forEach((field, index) => {
      expect(toCents(total[index + 2]!), field).toBe(report.totals[field]);
      expect(
        rows.slice(0, -1).reduce((sum, row) => sum + toCents(row[index + 2]!), 0),
        field,
      ).toBe(report.totals[field]);
      report.rows.forEach((row, r) => expect(toCents(rows[r]![index + 2]!), `${field} row ${r}`).toBe(row[field]));
    });
    report.rows.forEach((row, r) => {
      expect(rows[r]![0]).toBe(
        row.costCode.code ?? (row.costCode.standardCostCodeId === null ? '(no cost code)' : `Procore cost code ${row.costCode.standardCostCodeId}`),
      );
      expect(rows[r]![10]).toBe(row.differences.map((d) => d.message).join(' | '));
    });
    // Formula injection: the cost code named "=SUM(A1+A2)" is written as text; no cell starts a formula.
    expect(rows[report.rows.indexOf(formulaRow)]![1]).toBe(`'${FORMULA_NAME}`);
    for (const cell of rows.flat()) expect(/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell)), cell).toBe(false);

    // Unknown project: 404 (both renderings); not a number: 400.
    for (const path of ['/job-costs/999999999', '/job-costs/999999999.csv']) {
      const response = await api(admin, 'GET', path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
    for (const path of ['/job-costs/abc', '/job-costs/12.pdf']) expect((await api(admin, 'GET', path)).statusCode, path).toBe(400);
  });
});

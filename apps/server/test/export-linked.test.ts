import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks, runSessionsUntilIdle } from './support/refresh-from-quickbooks.ts';
import { signIn, type AuthHeaders } from './support/sign-in.ts';

// Data safety, defect 1 ("Linked records are overwritten"), end to end: the server, the Procore simulator, the
// Web Connector client and the QuickBooks simulator. A QuickBooks job and vendor are linked to a Procore
// project and vendor on the Jobs / Vendors screens (the import link routes). They are already in QuickBooks:
// the export list says "linked", sending them with nothing chosen is answered "already" and writes nothing,
// a commitment on them uses their ListIDs and creates no customer, job or vendor, and no QuickBooks master
// data changes until a person chooses a field (here the phone), seeing QuickBooks' value beside Procore's.
describe.each(await databaseKinds())('exporting records linked to QuickBooks (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let actorId: string;
  let pick: { projectId: number; commitmentId: number; vendorId: number };

  const QB_VENDOR = {
    name: 'Ridgeline Concrete Co',
    phone: '(111) 000-0000',
    address: { addr1: '1 Quarry Road', city: 'Oldtown', state: 'CA', postalCode: '90001' },
  };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Linked GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    const person = await signIn(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'accountant@example.com' });
    auth = person.headers;
    actorId = person.userId;
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
    pick = choose(setup);

    company = createCompanyFile({ companyName: 'Linked Builders' });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);

    // What someone keyed into QuickBooks long before the connector: a customer with a job, and a vendor.
    const subcontractors = company.accounts.find((a) => a.name === 'Subcontractors')!;
    await enqueueRequest(db, { companyId, dedupeKey: 'setup:customer', requestedBy: 'test', request: { type: 'CustomerAdd', name: 'Harbor Owners LLC' } });
    await enqueueRequest(db, {
      companyId,
      dedupeKey: 'setup:vendor',
      requestedBy: 'test',
      request: { type: 'VendorAdd', name: QB_VENDOR.name, phone: QB_VENDOR.phone, vendorAddress: QB_VENDOR.address },
    });
    await runSessionsUntilIdle(setup.app, session);
    const owner = company.customers.find((c) => c.name === 'Harbor Owners LLC')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: 'setup:job',
      requestedBy: 'test',
      request: { type: 'CustomerAdd', name: 'Pier 9 Renovation', parentRef: { listId: owner.listId } },
    });
    await runSessionsUntilIdle(setup.app, session);
    const saved = await api('PATCH', '/settings', {
      itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' },
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await refreshFromQuickBooks({ app: setup.app, companyId, headers: auth, session }, 'jobs', 'vendors');
  }, 180_000);
  afterAll(async () => setup?.close());

  const db = () => setup.testDb.database;
  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  }
  async function call(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    const response = await api(method, path, payload);
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(200);
    return response.json();
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const job = () => company.customers.find((c) => c.name === 'Pier 9 Renovation')!;
  const owner = () => company.customers.find((c) => c.name === 'Harbor Owners LLC')!;
  const qbVendor = () => company.vendors.find((v) => v.name === QB_VENDOR.name)!;
  const extra = (entry: { extra?: Array<{ name: string; text?: string; children?: Array<{ name: string; text?: string }> }> }, name: string) =>
    entry.extra?.find((n) => n.name === name);
  const procoreVendor = () => setup.simulator.store.vendors.get(pick.vendorId)!;
  async function listItem(type: string, procoreId: number, status?: string) {
    const list = await call('GET', `/exports/${type}?limit=500${status ? `&status=${status}` : ''}`);
    return (list.items as Array<Record<string, unknown>>).find((i) => i.procoreId === String(procoreId));
  }

  it('treats a linked job and vendor as already in QuickBooks: no new customer, job or vendor, nothing renamed or overwritten', async () => {
    await call('POST', `/imports/jobs/${job().listId}/link`, { procoreProjectId: pick.projectId });
    await call('POST', `/imports/vendors/${qbVendor().listId}/link`, { procoreVendorId: pick.vendorId });
    await setup.app.jobRunner.drain();
    const before = { customers: company.customers.length, vendors: company.vendors.length, jobEdit: job().editSequence, vendorEdit: qbVendor().editSequence };

    // The export list says where they are in QuickBooks, not "Ready to export".
    expect(await listItem('project', pick.projectId)).toMatchObject({
      status: 'synced',
      linkedTo: { listId: job().listId, fullName: 'Harbor Owners LLC:Pier 9 Renovation' },
    });
    expect(await listItem('vendor', pick.vendorId)).toMatchObject({ status: 'synced', linkedTo: { listId: qbVendor().listId, fullName: QB_VENDOR.name } });
    expect(await listItem('project', pick.projectId, 'not_synced')).toBeUndefined();
    expect(await listItem('vendor', pick.vendorId, 'synced')).toBeDefined();

    // The preview puts QuickBooks' value beside Procore's, field by field; nothing is sent until chosen.
    const preview = await call('GET', `/exports/vendor/${pick.vendorId}/preview`);
    expect(preview).toMatchObject({ action: null, problem: null, linked: { listId: qbVendor().listId, fullName: QB_VENDOR.name } });
    expect(preview.changes).toContainEqual(
      expect.objectContaining({ field: 'Phone', before: QB_VENDOR.phone, after: procoreVendor().business_phone, differs: true }),
    );
    expect(preview.changes).toContainEqual(
      expect.objectContaining({ field: 'Name', before: QB_VENDOR.name, after: procoreVendor().name, differs: true, selected: false }),
    );
    const projectPreview = await call('GET', `/exports/project/${pick.projectId}/preview`);
    expect(projectPreview).toMatchObject({ action: null, problem: null, dependencies: [], linked: { fullName: 'Harbor Owners LLC:Pier 9 Renovation' } });
    expect(projectPreview.changes.map((c: { field: string }) => c.field)).not.toContain('Customer');

    // Sending a linked record with nothing chosen is "already": linked, nothing to send.
    for (const type of ['project', 'vendor'] as const) {
      const id = type === 'project' ? pick.projectId : pick.vendorId;
      const sent = await call('POST', `/exports/${type}/send`, { procoreIds: [String(id)] });
      expect(sent.results[0]).toMatchObject({ outcome: 'already', status: 'synced' });
      expect(sent.results[0].message).toMatch(/linked to QuickBooks/i);
    }

    // A commitment on the linked project and vendor: the PO names their ListIDs and nothing else is created.
    const commitmentPreview = await call('GET', `/exports/commitment/${pick.commitmentId}/preview`);
    expect(commitmentPreview.dependencies.map((d: { kind: string }) => d.kind)).not.toEqual(expect.arrayContaining(['vendor']));
    expect(commitmentPreview.dependencies.map((d: { kind: string }) => d.kind).filter((k: string) => ['vendor', 'customer', 'job'].includes(k))).toEqual([]);
    expect(commitmentPreview.fields).toContainEqual(expect.objectContaining({ field: 'Vendor', value: QB_VENDOR.name }));
    expect((await call('POST', '/exports/commitment/send', { procoreIds: [String(pick.commitmentId)] })).results[0].outcome).toBe('applied');
    expect((await call('POST', '/exports/commitment/approve', { procoreIds: [String(pick.commitmentId)] })).results[0].status).toBe('approved');
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 6);

    const rows = await db().prisma.exportRecord.findMany({ where: { companyId } });
    const lists = rows.filter((r) => r.recordType === 'project' || r.recordType === 'vendor');
    expect(rows.filter((r) => !lists.includes(r) && r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorMessage])).toEqual([]);
    // The two "already" answers wrote no export of the job or vendor: nothing was queued for them.
    expect(lists.map((r) => [r.recordType, r.status, r.requestId])).toEqual(
      expect.arrayContaining([
        ['project', 'not_synced', null],
        ['vendor', 'not_synced', null],
      ]),
    );
    expect(lists).toHaveLength(2);
    const sent = await db().prisma.queuedRequest.findMany({
      where: { companyId, kind: { in: ['CustomerAdd', 'CustomerMod', 'VendorAdd', 'VendorMod'] }, dedupeKey: { startsWith: 'export:' } },
    });
    expect(sent.map((r) => r.kind)).toEqual([]);
    expect(company.customers).toHaveLength(before.customers);
    expect(company.vendors).toHaveLength(before.vendors);
    expect(job()).toMatchObject({ name: 'Pier 9 Renovation', parentId: owner().listId, editSequence: before.jobEdit });
    expect(qbVendor()).toMatchObject({ name: QB_VENDOR.name, editSequence: before.vendorEdit });
    expect(extra(qbVendor(), 'Phone')?.text).toBe(QB_VENDOR.phone);
    expect(extra(qbVendor(), 'VendorAddress')?.children?.find((c) => c.name === 'Addr1')?.text).toBe(QB_VENDOR.address.addr1);
    expect(company.purchaseOrders).toHaveLength(1);
    const po = company.purchaseOrders[0]!;
    expect(po.vendorId).toBe(qbVendor().listId);
    for (const line of po.lines) expect(line.customerId).toBe(job().listId);
  }, 180_000);

  it("sends only the fields a person chose (the vendor's phone, then one detail of the job) in a Mod on the link, audited with who chose them", async () => {
    const procorePhone = procoreVendor().business_phone!;
    const unknown = await call('POST', '/exports/vendor/send', { procoreIds: [String(pick.vendorId)], options: { fields: ['Shoe size'] } });
    expect(unknown.results[0]).toMatchObject({ outcome: 'refused' });
    const sent = await call('POST', '/exports/vendor/send', { procoreIds: [String(pick.vendorId)], options: { fields: ['Phone'] } });
    expect(sent.results[0]).toMatchObject({ outcome: 'applied', status: 'sent_to_accounting' });
    const preview = await call('GET', `/exports/vendor/${pick.vendorId}/preview`);
    expect(preview).toMatchObject({ action: 'change', problem: null });
    expect(preview.fields).toEqual([expect.objectContaining({ field: 'Phone', value: procorePhone })]);
    expect(preview.changes).toContainEqual(expect.objectContaining({ field: 'Phone', before: QB_VENDOR.phone, after: procorePhone, selected: true }));
    expect((await call('POST', '/exports/vendor/approve', { procoreIds: [String(pick.vendorId)] })).results[0].status).toBe('approved');
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 6);

    const mods = await db().prisma.queuedRequest.findMany({ where: { companyId, kind: 'VendorMod' } });
    expect(mods).toHaveLength(1);
    expect(mods[0]!.payload).toEqual({ type: 'VendorMod', listId: qbVendor().listId, editSequence: expect.any(String), phone: procorePhone });
    expect(extra(qbVendor(), 'Phone')?.text).toBe(procorePhone);
    expect(qbVendor().name).toBe(QB_VENDOR.name);
    expect(extra(qbVendor(), 'VendorAddress')?.children?.find((c) => c.name === 'Addr1')?.text).toBe(QB_VENDOR.address.addr1);
    expect(company.vendors.filter((v) => v.name === QB_VENDOR.name)).toHaveLength(1);
    const row = await db().prisma.exportRecord.findFirst({ where: { companyId, recordType: 'vendor', procoreId: String(pick.vendorId) } });
    expect(row).toMatchObject({ status: 'synced', qbId: qbVendor().listId });
    // Who chose the field, and which: on the send (and the request it queued names the same person).
    const chosen = await db().prisma.auditEntry.findMany({ where: { companyId, action: 'export.send', subjectId: String(pick.vendorId) } });
    expect(chosen.map((a) => (a.detail as { choices?: { fields?: string[] } }).choices?.fields)).toContainEqual(['Phone']);
    expect(chosen.map((a) => a.actor)).toContain(actorId);
    // The link moved to QuickBooks' new EditSequence; the list still says "linked".
    expect(await listItem('vendor', pick.vendorId)).toMatchObject({ status: 'synced', linkedTo: { listId: qbVendor().listId } });
    // Nothing left chosen: another send is "already" again.
    expect((await call('POST', '/exports/vendor/send', { procoreIds: [String(pick.vendorId)] })).results[0].outcome).toBe('already');

    // The linked job, one detail chosen: a CustomerMod of that field alone — never renamed, never moved.
    const projectPreview = await call('GET', `/exports/project/${pick.projectId}/preview`);
    const field = (projectPreview.changes as Array<{ field: string; after: string | null; problem?: string }>).find(
      (c) => c.field !== 'Name' && c.field !== 'Active' && c.after !== null && !c.problem,
    )!.field;
    const jobEdit = job().editSequence;
    expect((await call('POST', '/exports/project/send', { procoreIds: [String(pick.projectId)], options: { fields: [field] } })).results[0].outcome).toBe(
      'applied',
    );
    expect((await call('POST', '/exports/project/approve', { procoreIds: [String(pick.projectId)] })).results[0].status).toBe('approved');
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 6);
    const customerWrites = await db().prisma.queuedRequest.findMany({
      where: { companyId, kind: { in: ['CustomerAdd', 'CustomerMod'] }, dedupeKey: { startsWith: 'export:' } },
    });
    const projectRow = await db().prisma.exportRecord.findFirst({ where: { companyId, recordType: 'project', procoreId: String(pick.projectId) } });
    expect(projectRow, field).toMatchObject({ status: 'synced', errorMessage: null });
    expect(customerWrites.map((r) => r.kind)).toEqual(['CustomerMod']);
    const payload = customerWrites[0]!.payload as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(
      [
        'editSequence',
        'listId',
        'type',
        {
          'Ship to': 'shipAddress',
          'Account number': 'accountNumber',
          'Start date': 'jobStartDate',
          'Projected end date': 'jobProjectedEndDate',
          'Job description': 'jobDesc',
        }[field]!,
      ].sort(),
    );
    expect(payload.listId).toBe(job().listId);
    expect(job()).toMatchObject({ name: 'Pier 9 Renovation', parentId: owner().listId });
    expect(job().editSequence).not.toBe(jobEdit);
    expect(company.customers.filter((c) => c.name === 'Pier 9 Renovation')).toHaveLength(1);
  }, 180_000);

  it('unlinking returns the record to not linked (even the vendor an export already changed)', async () => {
    expect(await call('POST', `/imports/jobs/${job().listId}/unlink`)).toMatchObject({ status: 'unlinked', procoreProject: { id: pick.projectId } });
    expect(await call('POST', `/imports/vendors/${qbVendor().listId}/unlink`)).toMatchObject({ status: 'unlinked', procoreVendor: { id: pick.vendorId } });
    expect(await listItem('project', pick.projectId)).toMatchObject({ status: 'not_synced', linkedTo: null });
    expect(await listItem('vendor', pick.vendorId)).toMatchObject({ status: 'not_synced', linkedTo: null });
    // Not linked, it is a record to create again: the preview says so, and nothing was changed in QuickBooks.
    expect(await call('GET', `/exports/vendor/${pick.vendorId}/preview`)).toMatchObject({ action: 'create', linked: null, changes: [] });
    expect((await db().prisma.auditEntry.findMany({ where: { companyId, action: 'import.project_unlinked' } })).map((a) => a.actor)).toEqual([actorId]);
    // Unlinking again answers the same.
    expect(await call('POST', `/imports/jobs/${job().listId}/unlink`)).toMatchObject({ status: 'unlinked', procoreProject: null });
  });
});

/** A project with a commitment on a vendor, with money on its lines. */
function choose(setup: ProcoreTestSetup) {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    for (const commitment of store.commitments.list(project.id)) {
      if (commitment.vendor_id === null) continue;
      const lines = store.commitmentLineItems.list(commitment.id).filter((l) => l.amount !== 0);
      const vendor = store.vendors.get(commitment.vendor_id);
      if (lines.length === 0 || !vendor?.business_phone || !vendor.address || !vendor.is_active) continue;
      return { projectId: project.id, commitmentId: commitment.id, vendorId: commitment.vendor_id };
    }
  }
  throw new Error('the seed has no commitment on an active vendor with a phone and an address');
}

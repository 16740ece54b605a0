import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile, type Customer, type Item, type Vendor } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { APPLY_LIST_REFRESH_JOB, buildCompanyQwc, createCompany, enqueueJob, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks } from './support/refresh-from-quickbooks.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// The list side of Refresh Jobs / Vendors / Items (QuickBooks to Procore) on the real server, both databases, the Procore
// simulator and a small generated QuickBooks company file: what apply-list-refresh does in Procore once a list
// read completes. Entries deleted in QuickBooks (ListDeletedQuery) deactivate the Procore vendors and projects
// we created from them — and only those, not records a person merely linked; the vendor update policy
// ("never" by default, "update") decides whether QuickBooks' vendor changes reach linked Procore vendors; new
// cost items become standard cost codes and, with "add new cost codes to budgets", zero budget lines on the
// integrated (linked) projects; and a refresh with nothing changed writes nothing to Procore.
const FILE = {
  seed: 23,
  vendors: 6,
  customers: 2,
  jobsPerCustomer: 2,
  items: 6,
  classes: 1,
  bills: 5,
  checks: 5,
  creditCardCharges: 5,
  paidBillRatio: 0.5,
  linesPerTxn: 2,
};

type ListKind = 'jobs' | 'vendors' | 'items';

describe.each(await databaseKinds())('Refresh Jobs / Vendors / Items in Procore (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let procoreCompanyId: number;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let admin: AuthHeaders;

  // Copies: deleting an entry in the simulator removes it from the company file's arrays.
  let jobs: Customer[];
  let vendors: Vendor[];
  let items: Item[];
  let projects: Array<{ id: number; name: string }>;
  let procoreVendors: Array<{ id: number; name: string }>;

  // Case 1 → case 3: what a person linked and created.
  let createdProjectId: number;
  let createdVendorId: number;
  let keptVendorId: number;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    procoreCompanyId = setup.simulator.companyId;
    companyId = (await createCompany(db, { procoreCompanyId: String(procoreCompanyId), name: 'Import Lists GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'admin@example.com' });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    projects = store()
      .projects.list(procoreCompanyId)
      .map((p) => ({ id: p.id, name: p.name }));
    expect(projects.length).toBeGreaterThanOrEqual(4);
    procoreVendors = store()
      .vendors.list(procoreCompanyId)
      .filter((v) => v.is_active)
      .map((v) => ({ id: v.id, name: v.name }));
    expect(procoreVendors.length).toBeGreaterThanOrEqual(2);

    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    jobs = company.customers.filter((c) => c.parentId);
    vendors = [...company.vendors];
    // Cost items become cost codes; the file's inventory, group, discount, subtotal, sales tax and payment items do not.
    items = company.items.filter((i) => ['Service', 'OtherCharge', 'NonInventory'].includes(i.itemType));
    expect(company.items.length).toBeGreaterThan(items.length);
    expect(jobs).toHaveLength(4);
    // The six trade vendors and the sales tax agency.
    expect(vendors).toHaveLength(7);
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    await refresh('jobs', 'vendors', 'items');
  }, 180_000);
  afterAll(async () => setup?.close());

  const db = () => setup.testDb.database;
  const store = () => setup.simulator.store;
  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: admin, ...(payload ? { payload } : {}) });
  }
  async function call(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    const response = await api(method, path, payload);
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(200);
    return response.json();
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  async function refresh(...kinds: ListKind[]) {
    const answers = await refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, ...kinds);
    expect(answers.map((a) => a.outcome)).toEqual(kinds.map(() => 'queued'));
  }
  /** What the last apply-list-refresh job of a list answered (it must have run, and finished). */
  async function lastApply(k: ListKind): Promise<Record<string, unknown>> {
    const rows = await db().prisma.job.findMany({ where: { companyId, kind: APPLY_LIST_REFRESH_JOB }, orderBy: { createdAt: 'desc' } });
    const job = rows.find((r) => (r.payload as { kind?: string }).kind === k);
    expect(job, `no ${APPLY_LIST_REFRESH_JOB} job for ${k}`).toBeDefined();
    expect(job!.status, job!.lastError ?? '').toBe('done');
    return job!.result as Record<string, unknown>;
  }
  const applyJobs = () => db().prisma.job.count({ where: { companyId, kind: APPLY_LIST_REFRESH_JOB, status: 'done' } });
  const audits = (action: string) => db().prisma.auditEntry.findMany({ where: { companyId, action }, orderBy: { at: 'asc' } });
  /** A cost item added in QuickBooks (ItemServiceAdd through the Web Connector, as a person would), then read back. */
  async function addCostItem(name: string): Promise<Item> {
    const account = company.accounts.find((a) => a.name === 'Subcontractors')!;
    await enqueueRequest(db(), {
      companyId,
      dedupeKey: `test:item:${name}`,
      requestedBy: 'test',
      request: { type: 'ItemServiceAdd', name, salesOrPurchase: { desc: name, accountRef: { listId: account.listId } } },
    });
    const report = await session();
    expect(report.outcome, report.lastError ?? report.statusLine).toBe('completed');
    await setup.app.jobRunner.drain();
    const item = company.items.find((i) => i.name === name);
    expect(item, name).toBeDefined();
    return item!;
  }
  const standardCodeFor = (listId: string) =>
    store()
      .standardCostCodes.list(store().standardCostCodeLists.list(procoreCompanyId)[0]!.id)
      .find((c) => c.origin_id === listId);

  it('deactivates the Procore vendor and project we created when QuickBooks deletes their entries, with an audit entry; linked ones stay active', async () => {
    // Created in Procore from QuickBooks (origin_id = ListID).
    createdProjectId = (await call('POST', `/imports/jobs/${jobs[0]!.listId}/create-project`)).procoreProject.id;
    createdVendorId = (await call('POST', `/imports/vendors/${vendors[0]!.listId}/create-vendor`)).procoreVendor.id;
    keptVendorId = (await call('POST', `/imports/vendors/${vendors[2]!.listId}/create-vendor`)).procoreVendor.id;
    // Only linked: existing Procore records, not ours.
    await call('POST', `/imports/jobs/${jobs[1]!.listId}/link`, { procoreProjectId: projects[0]!.id });
    await call('POST', `/imports/vendors/${vendors[1]!.listId}/link`, { procoreVendorId: procoreVendors[0]!.id });
    await setup.app.jobRunner.drain();
    expect(store().projects.get(createdProjectId)).toMatchObject({ active: true, origin_id: jobs[0]!.listId });
    expect(store().vendors.get(createdVendorId)).toMatchObject({ is_active: true, origin_id: vendors[0]!.listId });
    expect(store().projects.get(projects[0]!.id)).toMatchObject({ active: true, origin_id: jobs[1]!.listId });
    expect(store().vendors.get(procoreVendors[0]!.id)).toMatchObject({ is_active: true, origin_id: vendors[1]!.listId });
    expect(await audits('import.procore_record_deactivated')).toEqual([]);

    for (const listId of [jobs[0]!.listId, jobs[1]!.listId, vendors[0]!.listId, vendors[1]!.listId]) quickbooks.deleteListEntry(listId, { force: true });
    await refresh('vendors', 'jobs');

    expect(await lastApply('vendors')).toMatchObject({ deactivated: 1, unlinked: 1 });
    expect(await lastApply('jobs')).toEqual({ deactivated: 1, unlinked: 1 });
    // Ours: inactive in Procore.
    expect(store().projects.get(createdProjectId)!.active).toBe(false);
    expect(store().vendors.get(createdVendorId)!.is_active).toBe(false);
    // Linked only (a person's Procore records): left active. Created but not deleted in QuickBooks: active.
    expect(store().projects.get(projects[0]!.id)!.active).toBe(true);
    expect(store().vendors.get(procoreVendors[0]!.id)!.is_active).toBe(true);
    expect(store().vendors.get(keptVendorId)!.is_active).toBe(true);
    // ...but no longer linked to an entry QuickBooks does not hold, and the audit trail says so in words.
    expect(await db().prisma.recordLink.findMany({ where: { companyId, qbId: { in: [jobs[1]!.listId, vendors[1]!.listId] } } })).toEqual([]);
    const unlinked = await audits('import.link_removed');
    expect(unlinked.map((a) => [a.subjectType, a.subjectId, (a.detail as { qbListId: string }).qbListId]).sort()).toEqual(
      [
        ['project', String(projects[0]!.id), jobs[1]!.listId],
        ['vendor', String(procoreVendors[0]!.id), vendors[1]!.listId],
      ].sort(),
    );
    for (const a of unlinked)
      expect((a.detail as { message: string }).message).toMatch(/was deleted in QuickBooks, so Procore (project|vendor) \d+ is no longer linked/);
    const deactivated = await audits('import.procore_record_deactivated');
    expect(
      deactivated.map((a) => ({
        outcome: a.outcome,
        actor: a.actor,
        direction: a.direction,
        subjectType: a.subjectType,
        subjectId: a.subjectId,
        detail: a.detail,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          outcome: 'ok',
          actor: 'import',
          direction: 'to_procore',
          subjectType: 'vendor',
          subjectId: String(createdVendorId),
          detail: { reason: 'deleted in QuickBooks', qbListId: vendors[0]!.listId },
        },
        {
          outcome: 'ok',
          actor: 'import',
          direction: 'to_procore',
          subjectType: 'project',
          subjectId: String(createdProjectId),
          detail: { reason: 'deleted in QuickBooks', qbListId: jobs[0]!.listId },
        },
      ]),
    );
    expect(deactivated).toHaveLength(2);
    expect(await audits('import.procore_record_deactivate_failed')).toEqual([]);
    const pushes = await db().prisma.procorePush.findMany({ where: { companyId }, orderBy: { sourceId: 'asc' } });
    expect(pushes.map((p) => [p.procoreType, p.procoreId, p.status])).toEqual(
      expect.arrayContaining([
        ['project', String(createdProjectId), 'deleted'],
        ['vendor', String(createdVendorId), 'deleted'],
        ['vendor', String(keptVendorId), 'active'],
      ]),
    );
    // The deleted entries leave the Jobs and Vendors lists.
    expect((await call('GET', '/imports/jobs?limit=500')).items.map((i: { qbListId: string }) => i.qbListId)).not.toEqual(
      expect.arrayContaining([jobs[0]!.listId]),
    );
    expect((await call('GET', '/imports/vendors?limit=500')).items.map((i: { qbListId: string }) => i.qbListId).sort()).toEqual(
      vendors
        .slice(2)
        .map((v) => v.listId)
        .sort(),
    );
  }, 120_000);

  it('leaves linked Procore vendors alone with the update policy "never" (the default), and updates them with "update"', async () => {
    const vendor = vendors[3]!;
    const procoreVendor = procoreVendors[1]!;
    await call('POST', `/imports/vendors/${vendor.listId}/link`, { procoreVendorId: procoreVendor.id });
    await setup.app.jobRunner.drain();
    expect((await call('GET', '/settings')).vendorUpdatePolicy).toBe('never');
    const before = structuredClone(store().vendors.get(procoreVendor.id)!);
    expect(before.origin_id).toBe(vendor.listId);

    // Procore's vendor name is QuickBooks' CompanyName (Name when there is none): a person renames both.
    quickbooks.modifyListEntry(vendor.listId, (rec) => {
      rec.name = 'Harbor Line Drywall';
      (rec as Vendor).companyName = 'Harbor Line Drywall';
      rec.extra = [{ name: 'Phone', text: '555-0101' }];
    });
    await refresh('vendors');
    expect(await lastApply('vendors')).toEqual({ updated: 0, deactivated: 0, unlinked: 0 });
    expect(store().vendors.get(procoreVendor.id)).toEqual(before);
    expect(await audits('import.vendor_updated')).toEqual([]);

    expect((await call('PATCH', '/settings', { vendorUpdatePolicy: 'update' })).vendorUpdatePolicy).toBe('update');
    const changed = quickbooks.modifyListEntry(vendor.listId, (rec) => {
      rec.name = 'Harbor Line Drywall & Paint';
      (rec as Vendor).companyName = 'Harbor Line Drywall & Paint';
      rec.extra = [
        {
          name: 'VendorAddress',
          children: [
            { name: 'Addr1', text: '12 Quay Street' },
            { name: 'City', text: 'Portland' },
            { name: 'State', text: 'ME' },
            { name: 'PostalCode', text: '04101' },
          ],
        },
        { name: 'Phone', text: '555-0199' },
        { name: 'Email', text: 'office@harborline.example' },
      ];
    });
    await refresh('vendors');
    expect(await lastApply('vendors')).toEqual({ updated: 1, deactivated: 0, unlinked: 0 });
    expect(store().vendors.get(procoreVendor.id)).toMatchObject({
      id: procoreVendor.id,
      name: 'Harbor Line Drywall & Paint',
      address: '12 Quay Street',
      city: 'Portland',
      zip: '04101',
      business_phone: '555-0199',
      email_address: 'office@harborline.example',
      is_active: true,
      origin_id: vendor.listId,
      origin_data: changed.editSequence,
    });
    // Only that vendor: the other linked (or created) vendors did not change in QuickBooks.
    expect(store().vendors.get(keptVendorId)!.name).toBe(vendors[2]!.name);
    expect((await audits('import.vendor_updated')).map((a) => [a.subjectId, a.detail])).toEqual([
      [String(procoreVendor.id), { qbListId: vendor.listId, name: 'Harbor Line Drywall & Paint' }],
    ]);
    const link = await db().prisma.recordLink.findFirst({ where: { companyId, procoreType: 'vendor', procoreId: String(procoreVendor.id) } });
    expect(link).toMatchObject({ editSequence: changed.editSequence, qbName: 'Harbor Line Drywall & Paint' });
  }, 120_000);

  it('turns items into standard cost codes, and adds a new one to the budgets of the linked projects only with the setting on', async () => {
    // Sanity: every item read became (or matched) a Procore standard cost code and is linked to it.
    const links = await db().prisma.recordLink.findMany({ where: { companyId, procoreType: 'cost_code' } });
    expect(links.map((l) => l.qbId).sort()).toEqual(items.map((i) => i.listId).sort());
    for (const l of links) expect(store().standardCostCodes.get(Number(l.procoreId)), l.qbName ?? l.qbId).toBeDefined();

    // Linked projects: projects[1] by hand, and one created from jobs[3]; projects[2] and [3] are not linked.
    await call('POST', `/imports/jobs/${jobs[2]!.listId}/link`, { procoreProjectId: projects[1]!.id });
    const createdId: number = (await call('POST', `/imports/jobs/${jobs[3]!.listId}/create-project`)).procoreProject.id;
    await setup.app.jobRunner.drain();
    const integrated = [projects[1]!.id, createdId];
    const notLinked = [projects[2]!.id, projects[3]!.id];
    const budgetLines = () =>
      new Map([...integrated, ...notLinked, projects[0]!.id, createdProjectId].map((id) => [id, store().budgetLineItems.list(id).length]));

    expect((await call('PATCH', '/settings', { autoAddCostCodesToBudgets: true })).autoAddCostCodesToBudgets).toBe(true);
    const before = budgetLines();
    const added = await addCostItem('Site Security Patrol');
    await refresh('items');
    const code = standardCodeFor(added.listId);
    expect(code).toMatchObject({ code: 'SITESECURITYPATROL', name: 'Site Security Patrol', origin_id: added.listId });
    expect(await db().prisma.recordLink.findFirst({ where: { companyId, procoreType: 'cost_code', qbId: added.listId } })).toMatchObject({
      procoreId: String(code!.id),
    });
    const applied = await lastApply('items');
    expect(applied).toMatchObject({ created: 1, linked: 1 });
    for (const projectId of integrated) {
      const costCode = store()
        .costCodes.list(projectId)
        .find((c) => c.standard_cost_code_id === code!.id);
      expect(costCode, `project ${projectId} cost code`).toBeDefined();
      const lines = store()
        .budgetLineItems.list(projectId)
        .filter((b) => b.cost_code_id === costCode!.id);
      expect(
        lines.map((b) => b.original_budget_amount),
        `project ${projectId} budget`,
      ).toEqual([0]);
    }
    for (const projectId of notLinked) {
      expect(
        store()
          .costCodes.list(projectId)
          .find((c) => c.standard_cost_code_id === code!.id),
        `project ${projectId}`,
      ).toBeUndefined();
      expect(budgetLines().get(projectId)).toBe(before.get(projectId));
    }
    // Projects whose QuickBooks job was deleted (case 1) are no longer integrated: no new budget line there.
    for (const projectId of [projects[0]!.id, createdProjectId]) {
      expect(
        store()
          .costCodes.list(projectId)
          .find((c) => c.standard_cost_code_id === code!.id),
        `project ${projectId}`,
      ).toBeUndefined();
      expect(budgetLines().get(projectId)).toBe(before.get(projectId));
    }
    expect(applied.budgetLines).toBe(integrated.length);
    expect(await audits('import.budget_lines_failed')).toEqual([]);

    // With the setting off: the cost code, and no budget line anywhere.
    expect((await call('PATCH', '/settings', { autoAddCostCodesToBudgets: false })).autoAddCostCodesToBudgets).toBe(false);
    const middle = budgetLines();
    const second = await addCostItem('Winter Protection');
    await refresh('items');
    const secondCode = standardCodeFor(second.listId);
    expect(secondCode).toMatchObject({ code: 'WINTERPROTECTION', name: 'Winter Protection' });
    expect(await lastApply('items')).toEqual({ created: 1, linked: 1, budgetLines: 0 });
    expect(budgetLines()).toEqual(middle);
    for (const projectId of [...integrated, ...notLinked])
      expect(
        store()
          .costCodes.list(projectId)
          .find((c) => c.standard_cost_code_id === secondCode!.id),
      ).toBeUndefined();
  }, 120_000);

  it('flags an item that looks like a cost code another item holds once, not on every refresh, and links it once renamed in QuickBooks', async () => {
    const lookalike = await addCostItem('SITESECURITYPATROL');
    await refresh('items');
    const conflicts = await audits('import.cost_code_conflict');
    expect(conflicts.map((a) => a.subjectId)).toEqual([lookalike.listId]);
    expect((conflicts[0]!.detail as { message: string }).message).toContain('already linked to QuickBooks item "Site Security Patrol"');
    expect(await db().prisma.recordLink.findFirst({ where: { companyId, qbId: lookalike.listId } })).toBeNull();
    // Nothing changed in QuickBooks: the same item is not flagged (or tried) again.
    setup.simulator.resetStats();
    await refresh('items');
    expect(await lastApply('items')).toEqual({ created: 0, linked: 0 });
    expect(await audits('import.cost_code_conflict')).toHaveLength(1);
    expect(Object.keys(setup.simulator.stats().byRoute).filter((r) => !r.startsWith('GET '))).toEqual([]);
    // A person renames it in QuickBooks (a new EditSequence): it gets its own cost code.
    quickbooks.modifyListEntry(lookalike.listId, (rec) => {
      (rec as { name: string }).name = 'Night Watch';
    });
    await refresh('items');
    expect(await lastApply('items')).toMatchObject({ created: 1, linked: 1 });
    expect(standardCodeFor(lookalike.listId)).toMatchObject({ code: 'NIGHTWATCH', name: 'Night Watch' });
  }, 120_000);

  it('reads every item type of the file, and a group or discount item deleted in QuickBooks leaves our copy', async () => {
    const entries = await db().prisma.qbListEntry.findMany({ where: { companyId, listType: 'Item' } });
    expect([...new Set(entries.map((e) => e.retElement))].sort()).toEqual([
      'ItemDiscountRet',
      'ItemGroupRet',
      'ItemInventoryRet',
      'ItemNonInventoryRet',
      'ItemOtherChargeRet',
      'ItemPaymentRet',
      'ItemSalesTaxRet',
      'ItemServiceRet',
      'ItemSubtotalRet',
    ]);
    const gone = company.items.filter((i) => i.itemType === 'Group' || i.itemType === 'Discount').map((i) => i.listId);
    expect(gone).toHaveLength(2);
    for (const listId of gone) quickbooks.deleteListEntry(listId, { force: true });
    await refresh('items');
    const after = await db().prisma.qbListEntry.findMany({ where: { companyId, listId: { in: gone } } });
    expect(after.map((e) => e.deletedAt !== null)).toEqual([true, true]);
  }, 120_000);

  it('writes nothing to Procore when a list is refreshed again with nothing changed', async () => {
    expect((await call('GET', '/settings')).vendorUpdatePolicy).toBe('update');
    const ran = await applyJobs();
    const auditCount = await db().prisma.auditEntry.count({ where: { companyId, actor: 'import' } });
    setup.simulator.resetStats();
    await refresh('jobs', 'vendors', 'items');
    // Each list's Procore half ran, and did nothing.
    expect(await applyJobs()).toBe(ran + 3);
    expect(await lastApply('jobs')).toEqual({ deactivated: 0, unlinked: 0 });
    expect(await lastApply('vendors')).toEqual({ updated: 0, deactivated: 0, unlinked: 0 });
    expect(await lastApply('items')).toEqual({ created: 0, linked: 0 });
    expect(Object.keys(setup.simulator.stats().byRoute).filter((r) => !r.startsWith('GET '))).toEqual([]);
    expect(await db().prisma.auditEntry.count({ where: { companyId, actor: 'import' } })).toBe(auditCount);
  }, 120_000);

  // Last: it damages a stored row, so the refreshes above read only what QuickBooks wrote.
  it('a damaged stored copy of one changed vendor fails only its update, audited with the row named; the other reaches Procore', async () => {
    expect((await call('GET', '/settings')).vendorUpdatePolicy).toBe('update');
    // Linked in the vendor update test, and created in Procore in the deletion test.
    const good = { vendor: vendors[3]!, procoreId: procoreVendors[1]!.id };
    const bad = { vendor: vendors[2]!, procoreId: keptVendorId };
    const links = await db().prisma.recordLink.findMany({ where: { companyId, procoreType: 'vendor', qbId: { in: [good.vendor.listId, bad.vendor.listId] } } });
    expect(links.map((l) => [l.qbId, l.procoreId]).sort()).toEqual(
      [
        [good.vendor.listId, String(good.procoreId)],
        [bad.vendor.listId, String(bad.procoreId)],
      ].sort(),
    );
    const badLink = links.find((l) => l.qbId === bad.vendor.listId)!;
    const badEntry = await db().prisma.qbListEntry.findUniqueOrThrow({
      where: { companyId_listType_listId: { companyId, listType: 'Vendor', listId: bad.vendor.listId } },
    });

    // After the refresh stored them: both links made to differ from QuickBooks' EditSequence (changed vendors), the
    // good copy given a new company name (valid), the bad copy a JSON string where the vendor object belongs.
    await db().prisma.$executeRaw`UPDATE record_links SET edit_sequence = 'stale'
      WHERE company_id = ${companyId}::uuid AND procore_type = 'vendor' AND qb_id IN (${good.vendor.listId}, ${bad.vendor.listId})`;
    await db().prisma.$executeRaw`UPDATE qb_list_entries SET data = jsonb_set(data, '{companyName}', '"Harbor Line Drywall & Paint Co"')
      WHERE company_id = ${companyId}::uuid AND list_type = 'Vendor' AND list_id = ${good.vendor.listId}`;
    await db().prisma.$executeRaw`UPDATE qb_list_entries SET data = '"oops"'::jsonb
      WHERE company_id = ${companyId}::uuid AND list_type = 'Vendor' AND list_id = ${bad.vendor.listId}`;
    const badBefore = structuredClone(store().vendors.get(bad.procoreId)!);
    const failedBefore = (await audits('import.vendor_update_failed')).length;

    // The vendors apply as a refresh queues it once the read is stored (create-import-service.ts).
    await enqueueJob(db().prisma, { companyId, kind: APPLY_LIST_REFRESH_JOB, payload: { kind: 'vendors' } });
    await setup.app.jobRunner.drain();

    expect(await lastApply('vendors')).toEqual({ updated: 1, deactivated: 0, unlinked: 0 });
    expect(store().vendors.get(good.procoreId)).toMatchObject({ name: 'Harbor Line Drywall & Paint Co', origin_id: good.vendor.listId });
    expect(store().vendors.get(bad.procoreId)).toEqual(badBefore);
    const failed = (await audits('import.vendor_update_failed')).slice(failedBefore);
    expect(failed.map((a) => [a.subjectType, a.subjectId, a.outcome, (a.detail as { code?: string }).code])).toEqual([
      ['vendor', String(bad.procoreId), 'error', 'STORED_VALUE_INVALID'],
    ]);
    expect((failed[0]!.detail as { message: string }).message).toContain(`qb_list_entries.data of row Vendor ${bad.vendor.listId}`);
    // The good link caught up with QuickBooks; the bad one still differs, so the update is tried again once mended.
    const after = await db().prisma.recordLink.findMany({ where: { companyId, procoreType: 'vendor', qbId: { in: [good.vendor.listId, bad.vendor.listId] } } });
    expect(after.find((l) => l.qbId === good.vendor.listId)!.editSequence).not.toBe('stale');
    expect(after.find((l) => l.qbId === bad.vendor.listId)!.editSequence).toBe('stale');

    // Mended as it was, for any test added after this one.
    await db().prisma.qbListEntry.update({
      where: { companyId_listType_listId: { companyId, listType: 'Vendor', listId: bad.vendor.listId } },
      data: { data: badEntry.data as never },
    });
    await db().prisma.recordLink.update({ where: { id: badLink.id }, data: { editSequence: badLink.editSequence } });
  }, 120_000);
});
